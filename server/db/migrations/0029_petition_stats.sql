-- 0029 (issue 14 item 9): the petition statistics rollup. One row per county, place, body and China-time day,
-- bumped in the transaction of the registration, transition or rating that changes it (never a scan of the
-- petitions). The place is the petition's village when it was located, else the registering office's region;
-- the body is 'd:<department id>', 'r:<region code>' (a township or county acting as the body) or '' (none yet).
-- "In time" is judged by the statutory clock when the notice or reply is given: notify_by (transfer_by when the
-- office accepts a matter itself) and conclude_by, extension included.
CREATE TABLE petition_stats_daily (
  county_code          char(6) NOT NULL,
  region_code          char(12) NOT NULL,
  body_key             text NOT NULL,
  day                  date NOT NULL,
  registered           integer NOT NULL DEFAULT 0,
  ch_visit             integer NOT NULL DEFAULT 0,
  ch_letter            integer NOT NULL DEFAULT 0,
  ch_online            integer NOT NULL DEFAULT 0,
  ch_phone             integer NOT NULL DEFAULT 0,
  ch_video             integer NOT NULL DEFAULT 0,
  collective           integer NOT NULL DEFAULT 0,
  skipped_level        integer NOT NULL DEFAULT 0,
  repeated             integer NOT NULL DEFAULT 0,
  notified             integer NOT NULL DEFAULT 0,
  notified_in_time     integer NOT NULL DEFAULT 0,
  not_accepted         integer NOT NULL DEFAULT 0,
  concluded            integer NOT NULL DEFAULT 0,
  concluded_in_time    integer NOT NULL DEFAULT 0,
  served               integer NOT NULL DEFAULT 0,
  rated                integer NOT NULL DEFAULT 0,
  satisfied            integer NOT NULL DEFAULT 0,
  basically_satisfied  integer NOT NULL DEFAULT 0
);
ALTER TABLE petition_stats_daily ADD CONSTRAINT petition_stats_daily_pkey PRIMARY KEY (county_code, region_code, body_key, day);
-- The read paths: a county's window, and a window over wider prefixes (a prefecture's dashboard).
CREATE INDEX petition_stats_daily_county_day_idx ON petition_stats_daily (county_code, day);
CREATE INDEX petition_stats_daily_day_idx ON petition_stats_daily (day);

-- The history already there (petitions shipped one release before this rollup): counted from their events the way
-- the transitions count them from now on. Lateness is read from the clock the event settled (met or breached);
-- the body of a past notice or reply is the petition's body now (the events name bodies, not their keys).
INSERT INTO petition_stats_daily (county_code, region_code, body_key, day, registered, ch_visit, ch_letter, ch_online, ch_phone, ch_video, collective, skipped_level, repeated,
                                  notified, notified_in_time, not_accepted, concluded, concluded_in_time, served, rated, satisfied, basically_satisfied)
  SELECT p.county_code, coalesce(p.village_code, p.office_region),
         CASE WHEN e.type = 'register' THEN ''
              WHEN p.body_department_id IS NOT NULL THEN 'd:' || p.body_department_id::text
              ELSE 'r:' || coalesce(p.body_region_code, p.office_region) END,
         (e.at AT TIME ZONE 'UTC' + interval '8 hours')::date,
         count(*) FILTER (WHERE e.type = 'register'),
         count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'visit'),
         count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'letter'),
         count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'online'),
         count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'phone'),
         count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'video'),
         count(*) FILTER (WHERE e.type = 'register' AND p.collective),
         count(*) FILTER (WHERE e.type = 'register' AND p.skipped_level),
         count(*) FILTER (WHERE e.type = 'register' AND p.repeat_of IS NOT NULL),
         count(*) FILTER (WHERE e.type IN ('accept', 'notAccept')),
         count(*) FILTER (WHERE e.type IN ('accept', 'notAccept') AND c.kind IS NOT NULL),
         count(*) FILTER (WHERE e.type = 'notAccept'),
         count(*) FILTER (WHERE e.type = 'conclude'),
         count(*) FILTER (WHERE e.type = 'conclude' AND c.kind IS NOT NULL),
         count(*) FILTER (WHERE e.type = 'serve'),
         count(*) FILTER (WHERE e.type = 'rate'),
         count(*) FILTER (WHERE e.type = 'rate' AND e.data->>'rating' = 'satisfied'),
         count(*) FILTER (WHERE e.type = 'rate' AND e.data->>'rating' = 'basically')
  FROM petitions p JOIN petition_events e ON e.county_code = p.county_code AND e.petition_id = p.id
  -- Whether the clock this event settled was met: the routing clock when the office decided a registered matter itself,
  -- the notify clock at the body, the conclusion clock for a reply. Grouped first, so two clocks of a kind settled at
  -- one instant (an objection, then a new transfer and notice) count the event once.
  LEFT JOIN (SELECT county_code, subject_id, kind, closed_at, bool_and(state = 'met') AS met FROM clocks
             WHERE subject_type = 'petition' AND closed_at IS NOT NULL GROUP BY county_code, subject_id, kind, closed_at) c
         ON c.county_code = e.county_code AND c.subject_id = e.petition_id AND c.closed_at = e.at AND c.met
        AND c.kind = CASE WHEN e.type = 'conclude' THEN 'conclude_by' WHEN e.from_status = 'transferred' THEN 'notify_by' ELSE 'transfer_by' END
  WHERE e.type IN ('register', 'accept', 'notAccept', 'conclude', 'serve', 'rate')
  GROUP BY 1, 2, 3, 4;
