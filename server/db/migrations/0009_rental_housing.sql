-- Rental housing (出租房屋, GB/T 31000 module "实有房屋"): a dwelling registered as let out names its landlord, the
-- use it is let for and the day it was registered; each tenant is a tenancy row (who, which dwelling, from, to),
-- so the registry keeps who lived where after they leave. A landlord who is not in the registry is kept as an
-- encrypted name, ID number and phone with masks and a lookup hash, like a person.
ALTER TABLE dwellings ADD COLUMN rental_use text;
ALTER TABLE dwellings ADD COLUMN landlord_enc text;
ALTER TABLE dwellings ADD COLUMN landlord_name_mask text;
ALTER TABLE dwellings ADD COLUMN landlord_phone_mask text;
ALTER TABLE dwellings ADD COLUMN landlord_id_hash text;
ALTER TABLE dwellings ADD COLUMN version integer NOT NULL DEFAULT 0;
CREATE INDEX dwellings_rental_idx ON dwellings (grid_code) WHERE is_rental;
CREATE INDEX dwellings_landlord_idx ON dwellings (landlord_id_hash) WHERE landlord_id_hash IS NOT NULL;

CREATE TABLE tenancies (
  county_code  char(6) NOT NULL,
  id           uuid NOT NULL,
  dwelling_id  uuid NOT NULL,
  person_id    uuid NOT NULL,
  since        date NOT NULL,
  until        date,
  created_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  PRIMARY KEY (county_code, id),
  CHECK (until IS NULL OR until >= since)
);
-- A person rents one dwelling at a time.
CREATE UNIQUE INDEX tenancies_current_idx ON tenancies (county_code, person_id) WHERE ended_at IS NULL;
CREATE INDEX tenancies_dwelling_idx ON tenancies (county_code, dwelling_id);

-- Dwellings keep their history too (registered as rental, tenants in and out).
ALTER TABLE registry_history DROP CONSTRAINT registry_history_object_type_check;
ALTER TABLE registry_history ADD CONSTRAINT registry_history_object_type_check CHECK (object_type IN ('person', 'household', 'building', 'place', 'dwelling'));
