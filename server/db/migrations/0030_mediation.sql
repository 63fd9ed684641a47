-- 0030 (issue 15): disputes and people's mediation (人民调解), the foundation. Every table is keyed (county_code, …)
-- and distributed by county, co-located with the other county tables; the keys between them carry county_code
-- (Citus). Parties' personal values are SM4-encrypted (*_enc), looked up by keyed SM3 hashes (*_hash) and shown
-- by their masks (*_mask), as petitioners' are; a session's record (调解笔录) is encrypted too. Clocks live in the
-- shared `clocks` table (subject_type 'dispute').

-- 人民调解委员会: village, township, county or industry (行业性、专业性) level.
CREATE TABLE mediation_committees (
  county_code  char(6) NOT NULL,
  id           uuid NOT NULL,
  level        text NOT NULL,
  -- The region it serves (a village, a township, or the county for county and industry committees).
  region_code  char(12) NOT NULL,
  name         text NOT NULL,
  -- Industry committees only: the field (交通事故, 医疗纠纷, 劳动争议 …).
  industry     text,
  active       boolean NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  version      integer NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE mediation_committees ADD CONSTRAINT mediation_committees_level_check CHECK (level IN ('village','township','county','industry'));
ALTER TABLE mediation_committees ADD CONSTRAINT mediation_committees_region_check CHECK (left(region_code, 6) = county_code);
CREATE INDEX mediation_committees_region_idx ON mediation_committees (county_code, region_code);

-- 调解室: a committee's named room, on the doorstep (家门口), mobile (流动) or online (网上).
CREATE TABLE mediation_rooms (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  committee_id  uuid NOT NULL,
  name          text NOT NULL,
  mode          text NOT NULL,
  -- A room named after a local mediator (才让当知人民调解室): who.
  named_after   text,
  address       text,
  active        boolean NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE mediation_rooms ADD CONSTRAINT mediation_rooms_committee_fkey FOREIGN KEY (county_code, committee_id) REFERENCES mediation_committees (county_code, id);
ALTER TABLE mediation_rooms ADD CONSTRAINT mediation_rooms_mode_check CHECK (mode IN ('onsite','mobile','online'));
CREATE INDEX mediation_rooms_committee_idx ON mediation_rooms (county_code, committee_id);

-- 人民调解员: a member of one committee, with or without an account.
CREATE TABLE mediators (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  committee_id  uuid NOT NULL,
  user_id       uuid,
  name          text NOT NULL,
  -- 主任 (head) or member: the head assigns the committee's disputes.
  is_head       boolean NOT NULL,
  skills        text[] NOT NULL,
  -- BCP 47 codes: 'zh', 'bo' (Tibetan), 'mn', 'ug' …
  languages     text[] NOT NULL,
  awards        text[] NOT NULL,
  active        boolean NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE mediators ADD CONSTRAINT mediators_committee_fkey FOREIGN KEY (county_code, committee_id) REFERENCES mediation_committees (county_code, id);
CREATE INDEX mediators_committee_idx ON mediators (county_code, committee_id);
CREATE INDEX mediators_user_idx ON mediators (county_code, user_id) WHERE user_id IS NOT NULL;

-- 矛盾纠纷: one row per dispute, its status on the dispute workflow (core/workflow/dispute-workflow.ts).
CREATE TABLE disputes (
  county_code        char(6) NOT NULL,
  id                 uuid NOT NULL,
  code               text NOT NULL,
  status             text NOT NULL,
  source             text NOT NULL,
  category           text NOT NULL,
  scale              text NOT NULL,
  people_count       integer NOT NULL,
  -- 民转刑: a risk that the dispute turns violent; makes it urgent and tells the leaders.
  escalation_risk    boolean NOT NULL,
  urgent             boolean NOT NULL,
  facts              text NOT NULL,
  claims             text,
  address            text,
  lat                double precision,
  lng                double precision,
  grid_code          char(15),
  village_code       char(12),
  committee_id       uuid NOT NULL,
  -- The committee's region, kept with the dispute so that scope filters need no join.
  committee_region   char(12) NOT NULL,
  room_id            uuid,
  -- How the mediator(s) came: appointed by the committee, or chosen by the parties (人民调解法 Art. 19).
  assigned_by        text,
  registered_by      uuid,
  accepted_at        timestamptz,
  -- Extensions of the one-month target, each with every party's recorded consent (days in total).
  ext_days           integer NOT NULL,
  outcome_at         timestamptz,
  agreement_form     text,
  agreement_terms    text,
  failure_reason     text,
  -- The legal routes the parties were told of when mediation failed (Art. 26), and when.
  routes_told        text,
  routes_told_at     timestamptz,
  referral_to        text,
  referral_receiver  text,
  referral_answer    text,
  referral_answered_at timestamptz,
  refused_by_party   uuid,
  refusal_reason     text,
  applicant_key_hash text,
  is_overdue         boolean NOT NULL,
  received_at        timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  closed_at          timestamptz,
  version            integer NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE disputes ADD CONSTRAINT disputes_code_key UNIQUE (county_code, code);
ALTER TABLE disputes ADD CONSTRAINT disputes_code_check CHECK (code ~ '^\d{6}-M[0-9A-Z]{7}$' AND left(code, 6) = county_code);
ALTER TABLE disputes ADD CONSTRAINT disputes_status_check CHECK (status IN ('registered','assigned','mediating','agreed','failed','referred','refused','closed'));
ALTER TABLE disputes ADD CONSTRAINT disputes_source_check CHECK (source IN ('screening','case','petition','walk_in','online'));
ALTER TABLE disputes ADD CONSTRAINT disputes_category_check CHECK (category IN ('family','neighbour','land','homestead','contract','damages','labour','property','village_affairs','other'));
ALTER TABLE disputes ADD CONSTRAINT disputes_scale_check CHECK (scale IN ('ordinary','complex','major'));
ALTER TABLE disputes ADD CONSTRAINT disputes_assigned_by_check CHECK (assigned_by IS NULL OR assigned_by IN ('committee','parties'));
ALTER TABLE disputes ADD CONSTRAINT disputes_agreement_form_check CHECK (agreement_form IS NULL OR agreement_form IN ('written','oral'));
ALTER TABLE disputes ADD CONSTRAINT disputes_referral_to_check CHECK (referral_to IS NULL OR referral_to IN ('court','arbitration','department'));
ALTER TABLE disputes ADD CONSTRAINT disputes_committee_fkey FOREIGN KEY (county_code, committee_id) REFERENCES mediation_committees (county_code, id);
ALTER TABLE disputes ADD CONSTRAINT disputes_room_fkey FOREIGN KEY (county_code, room_id) REFERENCES mediation_rooms (county_code, id);
CREATE INDEX disputes_county_status_idx ON disputes (county_code, status, created_at);
CREATE INDEX disputes_committee_idx ON disputes (county_code, committee_id, status);
CREATE INDEX disputes_village_idx ON disputes (county_code, village_code);
CREATE INDEX disputes_committee_region_idx ON disputes (county_code, committee_region);

-- The mediator(s) of a dispute (one or more, Art. 19); `lead` writes the record.
CREATE TABLE dispute_mediators (
  county_code  char(6) NOT NULL,
  dispute_id   uuid NOT NULL,
  mediator_id  uuid NOT NULL,
  lead         boolean NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, dispute_id, mediator_id)
);
ALTER TABLE dispute_mediators ADD CONSTRAINT dispute_mediators_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_mediators ADD CONSTRAINT dispute_mediators_mediator_fkey FOREIGN KEY (county_code, mediator_id) REFERENCES mediators (county_code, id);
CREATE INDEX dispute_mediators_mediator_idx ON dispute_mediators (county_code, mediator_id);

-- 当事人: persons or organisations, with their agents (代理人).
CREATE TABLE dispute_parties (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  dispute_id      uuid NOT NULL,
  position        smallint NOT NULL,
  kind            text NOT NULL,
  -- 申请人 / 被申请人 (or the other side when both applied).
  side            text NOT NULL,
  name_enc        text NOT NULL,
  name_mask       text NOT NULL,
  id_type         text,
  id_number_enc   text,
  id_number_hash  text,
  id_number_mask  text,
  phone_enc       text,
  phone_hash      text,
  phone_mask      text,
  address_enc     text,
  agent_name_enc  text,
  agent_name_mask text,
  agent_phone_enc text,
  agent_phone_mask text,
  agent_relation  text,
  person_id       uuid,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE dispute_parties ADD CONSTRAINT dispute_parties_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_parties ADD CONSTRAINT dispute_parties_kind_check CHECK (kind IN ('person','organisation'));
ALTER TABLE dispute_parties ADD CONSTRAINT dispute_parties_side_check CHECK (side IN ('applicant','respondent'));
ALTER TABLE dispute_parties ADD CONSTRAINT dispute_parties_id_type_check CHECK (id_type IS NULL OR id_type IN ('resident_id','passport','hk_macao_pass','taiwan_pass','credit_code','other'));
CREATE INDEX dispute_parties_dispute_idx ON dispute_parties (county_code, dispute_id);
CREATE INDEX dispute_parties_id_hash_idx ON dispute_parties (county_code, id_number_hash) WHERE id_number_hash IS NOT NULL;

CREATE TABLE dispute_events (
  county_code  char(6) NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  dispute_id   uuid NOT NULL,
  type         text NOT NULL,
  actor_id     text,
  actor_name   text,
  actor_role   text,
  from_status  text,
  to_status    text,
  reason       text,
  data         jsonb,
  is_public    boolean NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE dispute_events ADD CONSTRAINT dispute_events_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
CREATE INDEX dispute_events_dispute_idx ON dispute_events (county_code, dispute_id, at);

-- 调解 sessions: scheduled, then held with attendees and the record (调解笔录) and who signed it.
CREATE TABLE mediation_sessions (
  county_code      char(6) NOT NULL,
  id               uuid NOT NULL,
  dispute_id       uuid NOT NULL,
  scheduled_at     timestamptz NOT NULL,
  room_id          uuid,
  place            text,
  online           boolean NOT NULL,
  held_at          timestamptz,
  -- Parties and mediators present (ids); others (witnesses, relatives, village cadres) inside the record.
  party_ids        uuid[] NOT NULL,
  mediator_ids     uuid[] NOT NULL,
  others_count     integer NOT NULL,
  record_enc       text,
  -- Who signed the record: parties by id, mediators by id.
  signed_party_ids uuid[] NOT NULL,
  signed_mediator_ids uuid[] NOT NULL,
  created_by       uuid,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE mediation_sessions ADD CONSTRAINT mediation_sessions_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE mediation_sessions ADD CONSTRAINT mediation_sessions_room_fkey FOREIGN KEY (county_code, room_id) REFERENCES mediation_rooms (county_code, id);
CREATE INDEX mediation_sessions_dispute_idx ON mediation_sessions (county_code, dispute_id);
CREATE INDEX mediation_sessions_day_idx ON mediation_sessions (county_code, scheduled_at) WHERE held_at IS NULL;

-- Where a dispute came from or went: a case, a petition (both in the same county; no foreign key, as the
-- subject type says which table).
CREATE TABLE dispute_links (
  county_code   char(6) NOT NULL,
  dispute_id    uuid NOT NULL,
  subject_type  text NOT NULL,
  subject_id    uuid NOT NULL,
  subject_code  text NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (county_code, dispute_id, subject_type, subject_id)
);
ALTER TABLE dispute_links ADD CONSTRAINT dispute_links_dispute_fkey FOREIGN KEY (county_code, dispute_id) REFERENCES disputes (county_code, id) ON DELETE CASCADE;
ALTER TABLE dispute_links ADD CONSTRAINT dispute_links_type_check CHECK (subject_type IN ('case','petition'));
-- One dispute per case or petition: clicking twice finds the first.
ALTER TABLE dispute_links ADD CONSTRAINT dispute_links_subject_key UNIQUE (county_code, subject_type, subject_id);
