-- The population registry (C5; GB/T 31000 modules 2–5): persons, households, buildings, dwellings and rental
-- housing, places and organisations, extension records (migrant, left-behind, foreign, special groups, youth
-- at risk, care groups), and the history of every record's grid. Sensitive values are stored only as SM4
-- ciphertexts (`*_enc`), with keyed SM3 hashes (`*_hash`) for exact search and display masks (`*_mask`) for
-- lists, so listing never needs to decrypt. Rows are keyed by county first, as everywhere.

CREATE TABLE households (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  grid_code       char(15) NOT NULL REFERENCES grids (code),
  village_code    char(12) NOT NULL,
  -- 户号 on the hukou book, or a local number
  number          text,
  address         text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  dwelling_id     uuid,
  head_person_id  uuid,
  -- 一般 / 关注 / 重点: how closely the grid worker follows this household
  risk_level      text NOT NULL DEFAULT 'normal' CHECK (risk_level IN ('normal', 'attention', 'key')),
  note            text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  version         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX households_grid_idx ON households (grid_code) WHERE status = 'active';

CREATE TABLE persons (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  grid_code       char(15) NOT NULL REFERENCES grids (code),
  village_code    char(12) NOT NULL,
  -- code table person_type (01 户籍, 02 流动, 03 留守, 99 境外)
  person_type     text NOT NULL,
  name_enc        text NOT NULL,
  name_hash       text NOT NULL,
  name_mask       text NOT NULL,
  id_number_enc   text,
  id_number_hash  text,
  id_number_mask  text,
  -- code table sex (GB/T 2261.1); derived from the ID number when there is one
  sex             text,
  birth_date      date,
  ethnicity       text,
  phone_enc       text,
  phone_hash      text,
  phone_mask      text,
  address         text,
  household_id    uuid,
  -- code table household_relation (GB/T 4761)
  relation        text,
  dwelling_id     uuid,
  -- sensitive attributes (religion, health…) as encrypted JSON
  sensitive_enc   text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved_away', 'deceased')),
  left_on         date,
  -- personal data is purged after this day unless on legal hold
  purge_after     date,
  legal_hold      boolean NOT NULL DEFAULT false,
  purged_at       timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  version         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, id)
);
-- One living registration per ID number (moved-away and deceased records keep theirs for history).
CREATE UNIQUE INDEX persons_id_number_idx ON persons (id_number_hash) WHERE id_number_hash IS NOT NULL AND status = 'active';
CREATE INDEX persons_grid_idx ON persons (grid_code, name_mask) WHERE status = 'active';
CREATE INDEX persons_household_idx ON persons (county_code, household_id) WHERE household_id IS NOT NULL;
CREATE INDEX persons_name_idx ON persons (name_hash);
CREATE INDEX persons_phone_idx ON persons (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX persons_purge_idx ON persons (purge_after) WHERE purge_after IS NOT NULL AND purged_at IS NULL;

-- Extension records: kind migrant | left_behind | foreign | special_group | youth | care, with the category from
-- that kind's code table; non-sensitive fields in `data`, sensitive ones encrypted in `data_enc`.
CREATE TABLE person_records (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  person_id       uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('migrant', 'left_behind', 'foreign', 'special_group', 'youth', 'care')),
  category        text,
  risk_level      text,
  data            jsonb,
  data_enc        text,
  since           date,
  until           date,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX person_records_person_idx ON person_records (county_code, person_id);
CREATE INDEX person_records_kind_idx ON person_records (county_code, kind, category) WHERE active;

CREATE TABLE buildings (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  grid_code       char(15) NOT NULL REFERENCES grids (code),
  village_code    char(12) NOT NULL,
  name            text NOT NULL,
  address         text,
  lat             double precision,
  lng             double precision,
  floors          integer,
  kind            text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX buildings_grid_idx ON buildings (grid_code);

CREATE TABLE dwellings (
  county_code          char(6) NOT NULL,
  id                   uuid NOT NULL,
  building_id          uuid,
  grid_code            char(15) NOT NULL REFERENCES grids (code),
  label                text NOT NULL,
  is_rental            boolean NOT NULL DEFAULT false,
  landlord_person_id   uuid,
  rental_registered_on date,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX dwellings_building_idx ON dwellings (county_code, building_id);

CREATE TABLE places (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  grid_code       char(15) NOT NULL REFERENCES grids (code),
  village_code    char(12) NOT NULL,
  -- code table place_kind
  kind            text NOT NULL,
  name            text NOT NULL,
  -- 统一社会信用代码 (GB 32100), for businesses and social organisations
  credit_code     text,
  address         text,
  lat             double precision,
  lng             double precision,
  contact_name_mask  text,
  contact_enc     text,
  contact_phone_mask text,
  staff_count     integer,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX places_grid_idx ON places (grid_code, kind);

-- Every record's life in the grid: created, moved (from → to), joined or left a household, archived, purged.
-- A household moved to another grid shows here for both grids; nothing is left behind as an orphan.
CREATE TABLE registry_history (
  county_code     char(6) NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  object_type     text NOT NULL CHECK (object_type IN ('person', 'household', 'building', 'place')),
  object_id       uuid NOT NULL,
  event           text NOT NULL,
  from_grid       char(15),
  to_grid         char(15),
  data            jsonb,
  actor_id        text,
  actor_name      text,
  at              timestamptz NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX registry_history_object_idx ON registry_history (object_type, object_id, at);
CREATE INDEX registry_history_to_grid_idx ON registry_history (to_grid, at);
CREATE INDEX registry_history_from_grid_idx ON registry_history (from_grid, at) WHERE from_grid IS NOT NULL;
