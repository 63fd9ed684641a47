-- Issue 11: uploads become their own module, claimed by records of any kind through each kind's link table.
-- owner_type: which kind of record claimed the file ('case', later 'petition', 'visit'…), set with `claimed`.
-- county_code: the owning record's county, set at the claim (an unclaimed file belongs to no county yet); the
--   link tables, keyed by county, are what a distributed deployment joins on.
-- uploader_user_id: the staff account that uploaded it (staff uploads are limited per account, residents' per address).
-- stored: false from the row's insert until the file is written, so a failed or interrupted write leaves a row
--   (no orphan file) that nobody can claim and the purge removes. Files written before this migration exist.
ALTER TABLE uploads ADD COLUMN owner_type text CHECK (owner_type ~ '^[a-z][a-z_]{0,39}$');
ALTER TABLE uploads ADD COLUMN county_code char(6);
ALTER TABLE uploads ADD COLUMN uploader_user_id uuid;
ALTER TABLE uploads ADD COLUMN stored boolean NOT NULL DEFAULT true;
-- Until now only cases claimed uploads.
UPDATE uploads SET owner_type = 'case' WHERE claimed;
UPDATE uploads u SET county_code = a.county_code FROM case_attachments a WHERE a.id = u.id;
-- A claimed file has its owner's kind and was written (a row whose write failed can never be claimed).
ALTER TABLE uploads ADD CONSTRAINT uploads_claimed_owner CHECK (NOT claimed OR (owner_type IS NOT NULL AND stored));
CREATE INDEX uploads_unclaimed_user_idx ON uploads (uploader_user_id) WHERE NOT claimed;
