-- One drift report per install, network, step and extension version per hour (the extension's own
-- rule, held by the hub too): an enrolled install cannot fill the table by sending more. The hour is
-- counted from the epoch (UTC), so the key does not depend on the session's time zone.
ALTER TABLE site_problems ADD COLUMN reported_hour bigint;
UPDATE site_problems SET reported_hour = floor(extract(epoch FROM reported_at) / 3600);
ALTER TABLE site_problems ALTER COLUMN reported_hour SET NOT NULL;
CREATE UNIQUE INDEX site_problems_hourly ON site_problems (install_id, network, step, version, reported_hour);
