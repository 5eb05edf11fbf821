-- Small facts about the hub's own stored data, e.g. which CSV escaping rule the stored line parts
-- follow (`csv_format`): parts written under another rule are written again at hub start.
CREATE TABLE hub_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
