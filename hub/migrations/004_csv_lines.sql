-- Each post's CSV line, written once at ingestion by the extension's CSV code and split around the
-- status cell (the status changes when the site's verdict arrives): the export joins the parts
-- instead of formatting every row again. Rows stored before this have none until `fillCsvLines`.
ALTER TABLE entries ADD COLUMN csv_before text, ADD COLUMN csv_after text;
CREATE INDEX entries_csv_missing ON entries (id) WHERE kind = 'post' AND csv_before IS NULL;
