-- The editorial desk (docs/editorial-desk.md): libraries the hub publishes, who edits and approves
-- each, items as versioned drafts, uploaded images, and the desk's append-only, hash-chained audit log.
-- Signing keys are never stored here: each library's key is read from a file or the environment at start.
CREATE TABLE desk_libraries (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
  name text NOT NULL,
  -- Where the signed static output is written (v1/feed, v1/index.json, v1/static/, media/).
  out_dir text NOT NULL,
  publisher text NOT NULL,
  -- The public half of the key the hub last started with (base64, raw Ed25519): shown to admins.
  public_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE desk_roles (
  library_id text NOT NULL REFERENCES desk_libraries (id) ON DELETE CASCADE,
  supervisor_id integer NOT NULL REFERENCES supervisors (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('editor', 'approver')),
  PRIMARY KEY (library_id, supervisor_id, role)
);

CREATE TABLE desk_items (
  library_id text NOT NULL REFERENCES desk_libraries (id),
  id text NOT NULL CHECK (id ~ '^[a-z0-9-]{1,64}$'),
  created_by integer NOT NULL REFERENCES supervisors (id),
  -- The version officers get (NULL until the first approval), and the one being written or reviewed.
  published_version integer,
  open_version integer,
  first_published_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_reason text,
  withdrawn_by integer REFERENCES supervisors (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (library_id, id)
);

CREATE TABLE desk_versions (
  library_id text NOT NULL,
  item_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  -- The draft's fields (hub/desk/draft.ts), media by the sha256 of their desk_media row.
  content jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'review', 'sent_back', 'approved', 'superseded')),
  -- Every account that wrote this version: none of them may approve it (two-person rule).
  editors integer[] NOT NULL,
  -- Why a correction (version > 1) was made.
  reason text,
  review_comment text,
  submitted_at timestamptz,
  approved_by integer REFERENCES supervisors (id),
  approved_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (library_id, item_id, version),
  FOREIGN KEY (library_id, item_id) REFERENCES desk_items (library_id, id)
);
CREATE INDEX desk_versions_state ON desk_versions (library_id, state);

-- Uploaded images as the publisher prepares them (library/media-prep.ts): the platform-ready file,
-- its thumbnail, and the editor's original when it differs. Written to media/ at publication.
CREATE TABLE desk_media (
  sha256 text PRIMARY KEY,
  mime text NOT NULL,
  bytes bytea NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  thumbnail text NOT NULL,
  original_sha256 text,
  original_mime text,
  original_bytes bytea,
  original_width integer,
  original_height integer,
  uploaded_by integer NOT NULL REFERENCES supervisors (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only and hash-chained: each row's hash is sha256 over the canonical JSON of
-- {prev, at, actor, action, library, item, version, summary}; `prev_hash` is the previous row's hash.
CREATE TABLE desk_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  library_id text NOT NULL,
  item_id text,
  version integer,
  summary jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX desk_audit_library ON desk_audit (library_id, seq);

CREATE FUNCTION desk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'desk_audit hanya boleh ditambah / desk_audit is append-only';
END
$$;
CREATE TRIGGER desk_audit_no_change BEFORE UPDATE OR DELETE ON desk_audit
  FOR EACH ROW EXECUTE FUNCTION desk_audit_append_only();
