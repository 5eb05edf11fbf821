-- One CSV cell as the extension's export writes it (papaparse with quotes and escapeFormulae):
-- always quoted, quotes doubled, a leading = + - @ tab or CR prefixed with ' so a spreadsheet shows
-- it as text, and a missing value empty. The hub's export builds its lines in the database with it
-- (tests/unit/hub checks the output is byte for byte the extension's).
CREATE FUNCTION csv_cell(value text) RETURNS text IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
  SELECT CASE WHEN value IS NULL THEN '' ELSE '"' || replace(CASE WHEN value ~ '^[=+\-@\t\r]' THEN '''' || value ELSE value END, '"', '""') || '"' END
$$;

-- The officer filter and item lookups walk these instead of the whole log.
CREATE INDEX entries_officer_posted ON entries (officer_name, posted_at DESC) WHERE kind = 'post';
