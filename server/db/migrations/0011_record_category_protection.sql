-- The category of some extension records is itself sensitive personal information (PIPL art. 28): a special group
-- (released prisoner, community correction, severe mental illness with its grade, drug use, HIV risk), a youth-at-
-- risk category (minors), a disability. Those categories and their risk grade move into `category_enc` (SM4), with
-- a keyed token (`category_token`, HMAC-SM3 of kind and code) so statistics can still count by category. The rows
-- written before are converted at start-up by the application, which holds the key (records.service.ts).
ALTER TABLE person_records ADD COLUMN category_enc text;
ALTER TABLE person_records ADD COLUMN category_token text;
CREATE INDEX person_records_token_idx ON person_records (county_code, kind, category_token) WHERE active AND category_token IS NOT NULL;
-- What is still in clear and must be converted: empty once converted, so the check at every start costs nothing.
CREATE INDEX person_records_clear_category_idx ON person_records (county_code) WHERE category IS NOT NULL AND (kind IN ('special_group', 'youth') OR (kind = 'care' AND category = '06'));
