-- Keyed SM3 lookup hashes are kept to their first 128 bits (32 hex characters). They only find exact matches
-- (a chance collision among 10^9 values is about 10^-21) and three of the persons table's indexes are built on
-- them: at a million persons the shorter keys cut a bulk import from 69 to 61 seconds (docs/PERFORMANCE.md).
UPDATE persons SET name_hash = left(name_hash, 32) WHERE length(name_hash) = 64;
UPDATE persons SET id_number_hash = left(id_number_hash, 32) WHERE length(id_number_hash) = 64;
UPDATE persons SET phone_hash = left(phone_hash, 32) WHERE length(phone_hash) = 64;
UPDATE cases SET reporter_phone_hash = left(reporter_phone_hash, 32) WHERE length(reporter_phone_hash) = 64;
