-- Several libraries (issue 30): an officer's entries name the library their item came from
-- (`libraryId`, signed with the rest of the entry and kept whole in `body`). A column derived from
-- the body, so coverage and follow-ups can count per library without a change to ingestion; entries
-- from before several libraries have none (their item is the national library's).
ALTER TABLE entries ADD COLUMN library_id text GENERATED ALWAYS AS (body->>'libraryId') STORED;
CREATE INDEX entries_library_item ON entries (library_id, item_id) WHERE kind IN ('post', 'dismissal');
