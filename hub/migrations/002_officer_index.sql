-- The officer filter walks this instead of the whole log.
CREATE INDEX entries_officer_posted ON entries (officer_name, posted_at DESC) WHERE kind = 'post';
