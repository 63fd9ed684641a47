-- 0028 (issue 14): the petition register (信访). Every table is keyed (county_code, …) and distributed by county,
-- co-located with the other county tables; the keys between them carry county_code (Citus). Personal values of
-- petitioners are SM4-encrypted (*_enc), looked up by keyed SM3 hashes (*_hash) and shown by their masks (*_mask).
-- Clocks live in the shared `clocks` table (subject_type 'petition'); documents in D's `documents` (0027).
CREATE TABLE petitions (
  county_code         char(6) NOT NULL,
  id                  uuid NOT NULL,
  code                text NOT NULL,
  status              text NOT NULL,
  kind                text NOT NULL,
  channel             text NOT NULL,
  category_id         text NOT NULL,
  matter              text NOT NULL,
  concerns            text,
  address             text,
  lat                 double precision,
  lng                 double precision,
  grid_code           char(15),
  village_code        char(12),
  -- The 信访部门 that registered it: the registering officer's scope (a county or a township).
  office_region       char(12) NOT NULL,
  registered_by       uuid,
  skipped_level       boolean NOT NULL,
  people_count        integer NOT NULL,
  collective          boolean NOT NULL,
  -- The body it is at (a department or a township); in 复查/复核 the reviewing body.
  body_department_id  uuid,
  body_region_code    char(12),
  body_name           text,
  report_by           date,
  repeat_of           text,
  repeat_final        boolean NOT NULL,
  not_accept_ground   text,
  not_accept_reason   text,
  steer_to            text,
  ext_days            integer,
  ext_reason          text,
  ext_requested_by    uuid,
  ext_approved_by     uuid,
  ext_approved_at     timestamptz,
  hearing_started_at  timestamptz,
  hearing_days        integer NOT NULL,
  -- The latest document that waits to be served (null when all are served).
  unserved_document_id uuid,
  served_at           timestamptz,
  rating              text,
  rated_at            timestamptz,
  petitioner_key_hash text,
  is_overdue          boolean NOT NULL,
  received_at         timestamptz NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  accepted_at         timestamptz,
  replied_at          timestamptz,
  final_at            timestamptz,
  closed_at           timestamptz,
  version             integer NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE petitions ADD CONSTRAINT petitions_code_key UNIQUE (county_code, code);
ALTER TABLE petitions ADD CONSTRAINT petitions_status_check CHECK (status IN ('registered','transferred','accepted','replied','review','reviewed','re_review','re_reviewed','not_accepted','handed_over','closed'));
ALTER TABLE petitions ADD CONSTRAINT petitions_kind_check CHECK (kind IN ('complaint','suggestion','accusation'));
ALTER TABLE petitions ADD CONSTRAINT petitions_channel_check CHECK (channel IN ('visit','letter','online','phone','video'));
ALTER TABLE petitions ADD CONSTRAINT petitions_rating_check CHECK (rating IS NULL OR rating IN ('satisfied','basically','unsatisfied'));
ALTER TABLE petitions ADD CONSTRAINT petitions_code_check CHECK (code ~ '^\d{6}-X[0-9A-Z]{7}$' AND left(code, 6) = county_code);
CREATE INDEX petitions_county_status_idx ON petitions (county_code, status, created_at);
CREATE INDEX petitions_body_idx ON petitions (county_code, body_department_id) WHERE body_department_id IS NOT NULL;
CREATE INDEX petitions_village_idx ON petitions (county_code, village_code);

CREATE TABLE petitioners (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  petition_id     uuid NOT NULL,
  position        smallint NOT NULL,
  name_enc        text NOT NULL,
  name_mask       text NOT NULL,
  id_number_enc   text,
  id_number_hash  text,
  id_number_mask  text,
  phone_enc       text,
  phone_hash      text,
  phone_mask      text,
  address_enc     text,
  person_id       uuid,
  representative  boolean NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE petitioners ADD CONSTRAINT petitioners_petition_fkey FOREIGN KEY (county_code, petition_id) REFERENCES petitions (county_code, id) ON DELETE CASCADE;
CREATE INDEX petitioners_petition_idx ON petitioners (county_code, petition_id);
-- Repeat detection (item 6): the same person by keyed hash of the ID number or the phone.
CREATE INDEX petitioners_id_hash_idx ON petitioners (county_code, id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX petitioners_phone_hash_idx ON petitioners (county_code, phone_hash) WHERE phone_hash IS NOT NULL;

CREATE TABLE petition_events (
  county_code  char(6) NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  petition_id  uuid NOT NULL,
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
ALTER TABLE petition_events ADD CONSTRAINT petition_events_petition_fkey FOREIGN KEY (county_code, petition_id) REFERENCES petitions (county_code, id) ON DELETE CASCADE;
CREATE INDEX petition_events_petition_idx ON petition_events (county_code, petition_id, at);

-- Files a petition claimed from /api/uploads: the letter's scan, its envelope, evidence, proof of service.
CREATE TABLE petition_attachments (
  county_code  char(6) NOT NULL,
  id           uuid NOT NULL,
  petition_id  uuid NOT NULL,
  role         text NOT NULL,
  mime         text NOT NULL,
  size         integer NOT NULL,
  storage_key  text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
ALTER TABLE petition_attachments ADD CONSTRAINT petition_attachments_petition_fkey FOREIGN KEY (county_code, petition_id) REFERENCES petitions (county_code, id) ON DELETE CASCADE;
ALTER TABLE petition_attachments ADD CONSTRAINT petition_attachments_role_check CHECK (role IN ('letter','envelope','evidence','proof','reply'));
CREATE INDEX petition_attachments_petition_idx ON petition_attachments (county_code, petition_id);

-- A petition and the cases it became or came from (item 7), both in the same county.
CREATE TABLE petition_case_links (
  county_code  char(6) NOT NULL,
  petition_id  uuid NOT NULL,
  case_id      uuid NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (county_code, petition_id, case_id)
);
ALTER TABLE petition_case_links ADD CONSTRAINT petition_case_links_petition_fkey FOREIGN KEY (county_code, petition_id) REFERENCES petitions (county_code, id) ON DELETE CASCADE;
ALTER TABLE petition_case_links ADD CONSTRAINT petition_case_links_case_fkey FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id);
