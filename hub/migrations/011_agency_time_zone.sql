-- Each agency's calendar days (WIB, WITA, WIT): its supervisors' per-day figures follow them.
ALTER TABLE agencies ADD COLUMN time_zone text;
