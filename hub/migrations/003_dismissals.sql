-- An officer may take an urgent item off the to-do with a reason: its own signed entry in the chain.
ALTER TABLE entries DROP CONSTRAINT entries_kind_check;
ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind IN ('post', 'update', 'dismissal'));
CREATE INDEX entries_dismissed_item ON entries (item_id) WHERE kind = 'dismissal';
