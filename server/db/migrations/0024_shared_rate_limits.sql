-- 0024 request limits counted in the database, so several server processes on one database share them (a limit of
-- 20 sign-ins a minute is 20 in all, not 20 per server). One row per limited key (route, kind and the key's hash);
-- rows past their window are deleted as they are met again or by the periodic purge. Not keyed by county: a
-- small, hot counter table that stays on the coordinator under Citus (coordinator-local), never a reference table
-- (each hit would be a two-phase commit to every node). The embedded database keeps the counters in memory.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
