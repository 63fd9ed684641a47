-- 0005: dashboards read the rollups by county (or a wider prefix) and a date range. Without these indexes the
-- first-response histogram (villages × days × buckets rows) is read whole for every dashboard.
CREATE INDEX case_stats_daily_county_day_idx ON case_stats_daily (county_code, day);
CREATE INDEX case_stats_daily_day_idx ON case_stats_daily (day);
CREATE INDEX case_first_response_hist_county_day_idx ON case_first_response_hist (county_code, day);
CREATE INDEX case_first_response_hist_day_idx ON case_first_response_hist (day);
