-- Public writes only by who may make them, and reference data with an owner (issue 10).

-- The reporter's rating key: a random secret returned once in the intake answer (the tracking link carries
-- it); only its hash is kept. Cases taken in by staff or an integration have none: staff follow up instead.
ALTER TABLE cases ADD COLUMN reporter_key_hash text;

-- "Me too" counts once per device and once per phone: keyed hashes (never the values), per case.
CREATE TABLE case_me_too (
  county_code char(6) NOT NULL,
  case_id     uuid NOT NULL,
  voter_hash  text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, case_id, voter_hash),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);

-- Who owns a category: the region code of the administrators who may change it ('000000000000' = shared by
-- the whole installation, changed only at prefecture level or above). A county's own category is usable only
-- for cases inside that county.
ALTER TABLE categories ADD COLUMN owner_code char(12) NOT NULL DEFAULT '000000000000';

-- Holidays and 调休 days per county ('000000' = every county, as routing rules and deadline policies do):
-- a county's own day overrides the shared one for that county only.
ALTER TABLE calendar_days ADD COLUMN county_code char(6) NOT NULL DEFAULT '000000';
ALTER TABLE calendar_days DROP CONSTRAINT calendar_days_pkey;
ALTER TABLE calendar_days ADD PRIMARY KEY (county_code, day);
