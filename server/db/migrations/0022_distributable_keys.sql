-- Every large table's keys carry county_code, so the tables can be distributed by county on Citus (server/db/
-- placement.ts, server/db/distribute.ts) and every unique and foreign key holds within one county's shard.
-- Plain SQL that runs the same on PGlite, PostgreSQL 15 and a Citus coordinator (before distribution).

-- Grids: keyed by (county_code, code); the code starts with the county's six digits, so nothing else changes.
ALTER TABLE household_groups DROP CONSTRAINT household_groups_grid_code_fkey;
ALTER TABLE grid_staff DROP CONSTRAINT grid_staff_grid_code_fkey;
ALTER TABLE households DROP CONSTRAINT households_grid_code_fkey;
ALTER TABLE persons DROP CONSTRAINT persons_grid_code_fkey;
ALTER TABLE buildings DROP CONSTRAINT buildings_grid_code_fkey;
ALTER TABLE dwellings DROP CONSTRAINT dwellings_grid_code_fkey;
ALTER TABLE places DROP CONSTRAINT places_grid_code_fkey;
ALTER TABLE grids DROP CONSTRAINT grids_pkey;
ALTER TABLE grids ADD CONSTRAINT grids_pkey PRIMARY KEY (county_code, code);

-- Household groups and grid staff: id-only keys become (county_code, id).
ALTER TABLE household_groups DROP CONSTRAINT household_groups_pkey;
ALTER TABLE household_groups ADD CONSTRAINT household_groups_pkey PRIMARY KEY (county_code, id);
ALTER TABLE grid_staff DROP CONSTRAINT grid_staff_pkey;
ALTER TABLE grid_staff ADD CONSTRAINT grid_staff_pkey PRIMARY KEY (county_code, id);

-- Foreign keys to grids carry the county.
ALTER TABLE household_groups ADD CONSTRAINT household_groups_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code) ON DELETE CASCADE;
ALTER TABLE grid_staff ADD CONSTRAINT grid_staff_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code) ON DELETE CASCADE;
ALTER TABLE households ADD CONSTRAINT households_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code);
ALTER TABLE persons ADD CONSTRAINT persons_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code);
ALTER TABLE buildings ADD CONSTRAINT buildings_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code);
ALTER TABLE dwellings ADD CONSTRAINT dwellings_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code);
ALTER TABLE places ADD CONSTRAINT places_grid_fkey FOREIGN KEY (county_code, grid_code) REFERENCES grids (county_code, code);

-- Notifications: (county_code, id) like every other large table with an identity column.
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey;
ALTER TABLE notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (county_code, id);

-- One living registration per ID number, nationally. A unique index on persons cannot say that once persons are
-- split by county (Citus requires the county in every unique index), so the rule moves to a table keyed by the
-- ID number's hash alone (distributed by that hash on Citus): a person is registered there in the transaction
-- that makes them active with an ID number, and removed when they move away or die.
CREATE TABLE living_id_numbers (
  id_number_hash text PRIMARY KEY,
  county_code    char(6) NOT NULL,
  person_id      uuid NOT NULL
);
INSERT INTO living_id_numbers (id_number_hash, county_code, person_id)
  SELECT id_number_hash, county_code, id FROM persons WHERE id_number_hash IS NOT NULL AND status = 'active';
DROP INDEX persons_id_number_idx;
CREATE INDEX persons_id_number_idx ON persons (id_number_hash) WHERE id_number_hash IS NOT NULL AND status = 'active';
