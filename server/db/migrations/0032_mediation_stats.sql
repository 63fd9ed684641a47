-- 0032 (issue 15 item 9): mediation statistics, 以案定补 subsidy rates. Two rollups, bumped in the transaction of
-- the event they count (server/modules/mediation/mediation-stats.service.ts; rules in core/mediation/stats.ts):
--   dispute_stats_daily: each dispute once, per county, place (its village, else its committee's region),
--     committee, room ('' = none), category and China-time day;
--   dispute_mediator_stats_daily: per mediator of the dispute at the event (a dispute with two mediators counts
--     for each of them here, once in dispute_stats_daily).
-- What counts: register → registered; accept (受理) → accepted; an outcome that ends mediation — recordAgreement
-- (agreed), recordFailure (failed), refuse (refused), refer from registered/assigned/mediating (referred) — →
-- concluded, and "mediated" when it ended from 调解中 (mediating): success rate = agreed / mediated. A referral
-- after a failure counts as referred in the totals (诉调对接) but concludes nothing. close → closed.
-- Registration is counted at the dispute's committee as it is now, on the day it was registered (a transfer
-- before acceptance moves it); the committee, room and mediators cannot change after acceptance.
CREATE TABLE dispute_stats_daily (
  county_code   char(6) NOT NULL,
  region_code   char(12) NOT NULL,
  committee_id  uuid NOT NULL,
  room_key      text NOT NULL,
  category      text NOT NULL,
  day           date NOT NULL,
  registered    integer NOT NULL DEFAULT 0,
  accepted      integer NOT NULL DEFAULT 0,
  mediated      integer NOT NULL DEFAULT 0,
  agreed        integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  referred      integer NOT NULL DEFAULT 0,
  refused       integer NOT NULL DEFAULT 0,
  concluded     integer NOT NULL DEFAULT 0,
  closed        integer NOT NULL DEFAULT 0
);
ALTER TABLE dispute_stats_daily ADD CONSTRAINT dispute_stats_daily_pkey PRIMARY KEY (county_code, region_code, committee_id, room_key, category, day);
CREATE INDEX dispute_stats_daily_county_day_idx ON dispute_stats_daily (county_code, day);

CREATE TABLE dispute_mediator_stats_daily (
  county_code   char(6) NOT NULL,
  region_code   char(12) NOT NULL,
  mediator_id   uuid NOT NULL,
  category      text NOT NULL,
  day           date NOT NULL,
  accepted      integer NOT NULL DEFAULT 0,
  mediated      integer NOT NULL DEFAULT 0,
  agreed        integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  referred      integer NOT NULL DEFAULT 0,
  refused       integer NOT NULL DEFAULT 0
);
ALTER TABLE dispute_mediator_stats_daily ADD CONSTRAINT dispute_mediator_stats_daily_pkey PRIMARY KEY (county_code, region_code, mediator_id, category, day);
CREATE INDEX dispute_mediator_stats_daily_county_day_idx ON dispute_mediator_stats_daily (county_code, day);

-- 以案定补: the subsidy per case in fen, per county, dispute category ('*' = the default) and outcome.
CREATE TABLE mediation_subsidy_rates (
  county_code  char(6) NOT NULL,
  category     text NOT NULL,
  outcome      text NOT NULL,
  fen          integer NOT NULL,
  updated_by   uuid,
  updated_at   timestamptz NOT NULL
);
ALTER TABLE mediation_subsidy_rates ADD CONSTRAINT mediation_subsidy_rates_pkey PRIMARY KEY (county_code, category, outcome);
ALTER TABLE mediation_subsidy_rates ADD CONSTRAINT mediation_subsidy_rates_outcome_check CHECK (outcome IN ('agreed','failed','referred','refused'));
ALTER TABLE mediation_subsidy_rates ADD CONSTRAINT mediation_subsidy_rates_fen_check CHECK (fen >= 0);

-- The history already there (disputes shipped one release before these rollups), counted from the events the way
-- the transitions count them from now on.
INSERT INTO dispute_stats_daily (county_code, region_code, committee_id, room_key, category, day, registered, accepted, mediated, agreed, failed, referred, refused, concluded, closed)
  SELECT d.county_code, coalesce(d.village_code, d.committee_region), d.committee_id,
         CASE WHEN e.type = 'register' THEN '' ELSE coalesce(d.room_id::text, '') END, d.category,
         (e.at AT TIME ZONE 'UTC' + interval '8 hours')::date,
         count(*) FILTER (WHERE e.type = 'register'),
         count(*) FILTER (WHERE e.type = 'accept'),
         count(*) FILTER (WHERE e.type IN ('recordAgreement', 'recordFailure', 'refuse', 'refer') AND e.from_status = 'mediating'),
         count(*) FILTER (WHERE e.type = 'recordAgreement'),
         count(*) FILTER (WHERE e.type = 'recordFailure'),
         count(*) FILTER (WHERE e.type = 'refer'),
         count(*) FILTER (WHERE e.type = 'refuse'),
         count(*) FILTER (WHERE e.type IN ('recordAgreement', 'recordFailure', 'refuse', 'refer') AND e.from_status IN ('registered', 'assigned', 'mediating')),
         count(*) FILTER (WHERE e.type = 'close')
  FROM disputes d JOIN dispute_events e ON e.county_code = d.county_code AND e.dispute_id = d.id
  WHERE e.type IN ('register', 'accept', 'recordAgreement', 'recordFailure', 'refuse', 'refer', 'close')
  GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO dispute_mediator_stats_daily (county_code, region_code, mediator_id, category, day, accepted, mediated, agreed, failed, referred, refused)
  SELECT d.county_code, coalesce(d.village_code, d.committee_region), m.mediator_id, d.category,
         (e.at AT TIME ZONE 'UTC' + interval '8 hours')::date,
         count(*) FILTER (WHERE e.type = 'accept'),
         count(*) FILTER (WHERE e.type <> 'accept' AND e.from_status = 'mediating'),
         count(*) FILTER (WHERE e.type = 'recordAgreement'),
         count(*) FILTER (WHERE e.type = 'recordFailure'),
         count(*) FILTER (WHERE e.type = 'refer'),
         count(*) FILTER (WHERE e.type = 'refuse')
  FROM disputes d
  JOIN dispute_events e ON e.county_code = d.county_code AND e.dispute_id = d.id
  JOIN dispute_mediators m ON m.county_code = d.county_code AND m.dispute_id = d.id
  WHERE e.type = 'accept' OR (e.type IN ('recordAgreement', 'recordFailure', 'refuse', 'refer') AND e.from_status IN ('registered', 'assigned', 'mediating'))
  GROUP BY 1, 2, 3, 4, 5;
