-- Which library the stored cursor and sequence came from: another library starts from its first
-- page, with no sequence accepted yet (as the extension does when its libraryUrl changes).
ALTER TABLE library_state ADD COLUMN library_url text;
