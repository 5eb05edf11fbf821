-- The last accepted answer was a whole signed snapshot (`complete: true`, one page, answering a request
-- without a cursor): an older publisher's static file, which a static host serves whatever the query.
-- The next read asks without a cursor too, or that snapshot (its `since` "" or missing) would never
-- answer the request it is served for (feed spec v1.2).
ALTER TABLE library_state ADD COLUMN snapshot_only boolean NOT NULL DEFAULT false;
