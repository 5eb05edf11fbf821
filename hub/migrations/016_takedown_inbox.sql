-- Take-down loop (issue 30): an officer's answer to "Hapus postingan ini" for a post of a withdrawn
-- item travels as an update entry of the post (`takedown`: asked | removed | refused, with a note
-- for a refusal); the post row keeps the newest answer, as it keeps the newest status.
ALTER TABLE entries ADD COLUMN takedown text CHECK (takedown IN ('asked', 'removed', 'refused'));
ALTER TABLE entries ADD COLUMN takedown_note text;
ALTER TABLE entries ADD COLUMN takedown_at timestamptz;

-- The desk's inbox: officers' hoax reports and content suggestions from the extension's popup,
-- signed by the enrolled install (POST /v1/suggestions). The officer is the install's enrolled name.
CREATE TABLE desk_inbox (
  id text PRIMARY KEY,
  install_id text NOT NULL REFERENCES installs (install_id),
  agency_id text NOT NULL REFERENCES agencies (id),
  officer_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hoax', 'content')),
  body text NOT NULL,
  link text,
  screenshot bytea,
  screenshot_mime text,
  reported_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desk_inbox_agency ON desk_inbox (agency_id, reported_at DESC);
CREATE INDEX desk_inbox_reported ON desk_inbox (reported_at DESC);
