-- Agencies, their supervisors, enrolled installs and every entry they reported.
CREATE TABLE agencies (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- sha256 of the enrollment token officers' extensions send (Authorization: Bearer …).
  token_sha256 text UNIQUE NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE supervisors (
  id serial PRIMARY KEY,
  username text UNIQUE NOT NULL,
  password_hash text NOT NULL,
  -- national supervisors see every agency; agency supervisors only their own.
  role text NOT NULL CHECK (role IN ('agency', 'national')),
  agency_id text REFERENCES agencies (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'national' OR agency_id IS NOT NULL)
);

CREATE TABLE sessions (
  token_sha256 text PRIMARY KEY,
  supervisor_id integer NOT NULL REFERENCES supervisors (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

CREATE TABLE login_failures (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE installs (
  install_id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies (id),
  public_key text NOT NULL,
  genesis text NOT NULL,
  officer_name text NOT NULL DEFAULT '',
  declared_agency text NOT NULL DEFAULT '',
  region text NOT NULL DEFAULT '',
  enrolled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX installs_agency ON installs (agency_id);

-- One row per accepted entry: posts, and later facts about a post (kind = 'update'). The signed
-- entry is kept whole in `body`; the columns are what the views filter and count on.
CREATE TABLE entries (
  id text PRIMARY KEY,
  install_id text NOT NULL REFERENCES installs (install_id),
  agency_id text NOT NULL REFERENCES agencies (id),
  kind text NOT NULL CHECK (kind IN ('post', 'update')),
  hash text NOT NULL,
  prev_hash text NOT NULL,
  updates text,
  posted_at timestamptz,
  platform text,
  item_id text,
  item_version integer,
  program text,
  officer_name text,
  account text,
  edited boolean,
  -- A post's latest status and address: its own, or the newest update's.
  status text,
  post_url text,
  body jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX entries_install_hash ON entries (install_id, hash);
CREATE INDEX entries_agency_posted ON entries (agency_id, posted_at DESC) WHERE kind = 'post';
CREATE INDEX entries_posted ON entries (posted_at DESC) WHERE kind = 'post';
CREATE INDEX entries_item ON entries (item_id, agency_id) WHERE kind = 'post';

-- Entries an install sent that failed the protocol's checks: shown to supervisors as chain status.
CREATE TABLE rejections (
  install_id text NOT NULL REFERENCES installs (install_id),
  entry_id text NOT NULL,
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejections_install ON rejections (install_id);

-- The national library as the hub last read it: titles, programmes, urgency, publication times,
-- withdrawals (coverage and follow-up need them; entries carry only item ids).
CREATE TABLE items (
  id text PRIMARY KEY,
  version integer NOT NULL,
  title text NOT NULL,
  program text NOT NULL,
  urgent boolean NOT NULL,
  published_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  withdrawn_reason text
);

CREATE TABLE library_state (
  id integer PRIMARY KEY CHECK (id = 1),
  cursor text,
  sequence integer,
  synced_at timestamptz
);
