-- Sign-in throttling keeps one counter per key (an account from one address; an address across
-- accounts), updated under a row lock, so parallel guesses are counted one after another. It
-- replaces login_failures, whose rows were counted before a failure was recorded.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  -- Attempts since the last success, counted before the password is checked.
  failures integer NOT NULL DEFAULT 0,
  last_at timestamptz NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_at);
-- Expired sessions are deleted at sign-in.
CREATE INDEX sessions_expires ON sessions (expires_at);
