-- Drift reports (POST /v1/site-problems): an enrolled install says a site's compose page did not
-- work with the extension (no composer recognised, an insertion that did not verify). No page
-- content: network, step, the page's path, extension version, browser, UI language. The officer is
-- the install's enrolled name at the time of the report (counted per officer in the national view).
CREATE TABLE site_problems (
  id text PRIMARY KEY,
  install_id text NOT NULL REFERENCES installs (install_id),
  agency_id text NOT NULL REFERENCES agencies (id),
  officer_name text NOT NULL,
  network text NOT NULL,
  step text NOT NULL,
  version text NOT NULL,
  path text NOT NULL,
  browser text NOT NULL,
  ui_language text NOT NULL,
  reported_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_problems_reported ON site_problems (reported_at);
