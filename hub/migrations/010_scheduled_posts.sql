-- Posts the officer scheduled on the site instead of posting (status 'scheduled'): when the site
-- will publish them, from the newest update that said so (ISO instant as the extension sent it).
ALTER TABLE entries ADD COLUMN scheduled_for timestamptz;
