-- 0025: monthly rollups, so a year's dashboard reads twelve rows per village instead of 365 (and 12 × 365 for
-- the first-response histogram). A finished month is folded from its daily rows by the job "kpi months"
-- (server/modules/cases/case-kpi-months.service.ts); case_kpi_months lists the folded months, and the dashboard
-- reads a month from these tables only when it is listed there, every other day from the daily rows. Deleting a
-- month's row from case_kpi_months sends reads back to the daily rows at once, and the next run folds it again.
CREATE TABLE case_stats_monthly (
  county_code         char(6) NOT NULL,
  village_code        char(12) NOT NULL,
  month               date NOT NULL,
  received            integer NOT NULL DEFAULT 0,
  closed              integer NOT NULL DEFAULT 0,
  closed_on_time      integer NOT NULL DEFAULT 0,
  resolved            integer NOT NULL DEFAULT 0,
  resolved_village    integer NOT NULL DEFAULT 0,
  resolved_township   integer NOT NULL DEFAULT 0,
  rated               integer NOT NULL DEFAULT 0,
  satisfied           integer NOT NULL DEFAULT 0,
  first_responses     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, village_code, month)
);
CREATE TABLE case_first_response_hist_monthly (
  county_code  char(6) NOT NULL,
  village_code char(12) NOT NULL,
  month        date NOT NULL,
  bucket       smallint NOT NULL,
  n            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, village_code, month, bucket)
);
-- The same read paths as the daily tables (0005): by county and month, and by month for wider prefixes.
CREATE INDEX case_stats_monthly_county_month_idx ON case_stats_monthly (county_code, month);
CREATE INDEX case_stats_monthly_month_idx ON case_stats_monthly (month);
CREATE INDEX case_first_response_hist_monthly_county_month_idx ON case_first_response_hist_monthly (county_code, month);
CREATE INDEX case_first_response_hist_monthly_month_idx ON case_first_response_hist_monthly (month);
-- The months folded (first day of each), for every county at once; a month with no daily rows is never listed.
CREATE TABLE case_kpi_months (
  month      date PRIMARY KEY,
  folded_at  timestamptz NOT NULL
);

-- The history already there: every month with daily rows that ended more than an hour ago (China time is UTC+8
-- all year, so an hour after its end is UTC+7), folded the way the job folds it.
INSERT INTO case_stats_monthly (county_code, village_code, month, received, closed, closed_on_time, resolved, resolved_village, resolved_township, rated, satisfied, first_responses)
  SELECT county_code, village_code, date_trunc('month', day)::date, sum(received), sum(closed), sum(closed_on_time), sum(resolved),
         sum(resolved_village), sum(resolved_township), sum(rated), sum(satisfied), sum(first_responses)
  FROM case_stats_daily WHERE day < date_trunc('month', now() AT TIME ZONE 'UTC' + interval '7 hours')::date
  GROUP BY county_code, village_code, date_trunc('month', day)::date;
INSERT INTO case_first_response_hist_monthly (county_code, village_code, month, bucket, n)
  SELECT county_code, village_code, date_trunc('month', day)::date, bucket, sum(n)
  FROM case_first_response_hist WHERE day < date_trunc('month', now() AT TIME ZONE 'UTC' + interval '7 hours')::date
  GROUP BY county_code, village_code, date_trunc('month', day)::date, bucket;
INSERT INTO case_kpi_months (month, folded_at)
  SELECT month, now() FROM (
    SELECT DISTINCT date_trunc('month', day)::date AS month FROM case_stats_daily WHERE day < date_trunc('month', now() AT TIME ZONE 'UTC' + interval '7 hours')::date
    UNION
    SELECT DISTINCT date_trunc('month', day)::date FROM case_first_response_hist WHERE day < date_trunc('month', now() AT TIME ZONE 'UTC' + interval '7 hours')::date) m;
