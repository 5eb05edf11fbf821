-- Officer identity: the name an install enrolled with is the only one the hub uses. Supervisors see
-- every install, approve new ones (when their agency requires it) and revoke them.
ALTER TABLE agencies ADD COLUMN install_approval text NOT NULL DEFAULT 'automatic' CHECK (install_approval IN ('automatic', 'required'));

ALTER TABLE installs
  ADD COLUMN status text NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'pending', 'revoked')),
  -- The supervisor who approved it; NULL when approval was automatic (the "new device" notice).
  ADD COLUMN approved_by text,
  ADD COLUMN approved_at timestamptz,
  ADD COLUMN revoked_by text,
  ADD COLUMN revoked_at timestamptz,
  -- The browser's User-Agent at enrollment, then at its last upload.
  ADD COLUMN user_agent text NOT NULL DEFAULT '',
  ADD COLUMN last_seen_at timestamptz,
  ADD COLUMN renamed_at timestamptz;
CREATE INDEX installs_agency_officer ON installs (agency_id, officer_name);

-- Names an install was enrolled with before a rename: entries written before it still carry them.
CREATE TABLE install_names (
  install_id text NOT NULL REFERENCES installs (install_id),
  officer_name text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX install_names_install ON install_names (install_id);

-- One-time codes a supervisor gives one officer instead of the shared agency token (sha256 only).
CREATE TABLE enrollment_codes (
  code_sha256 text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies (id),
  officer_name text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_by text REFERENCES installs (install_id),
  used_at timestamptz
);
CREATE INDEX enrollment_codes_agency ON enrollment_codes (agency_id, created_at DESC);

-- Views read the officer through the install (its enrolled name), not the entry's own field: the
-- officer filter walks an install's posts instead.
DROP INDEX entries_officer_posted;
CREATE INDEX entries_install_posted ON entries (install_id, posted_at DESC) WHERE kind = 'post';
