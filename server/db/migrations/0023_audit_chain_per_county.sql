-- One audit chain per county (issue 13): each county's rows (and county '000000' for system-wide actions) form a
-- chain of their own, appended under that chain's own lock, so counties no longer wait for each other and each
-- chain lives in its county's shard on Citus. Rows are never rewritten: the single global chain written before
-- this migration stays as it is and is verified as "the legacy chain" (ids 1..last_id in id order). Every county
-- chain continues after it: its ids run last_id+1, last_id+2, … without gaps, and its first row links to a
-- genesis hash that commits to the county and to the legacy chain's head (server/modules/audit/audit-chain.ts).

-- Where the legacy chain ends, fixed once here (the anchors written from now on pin it too).
CREATE TABLE audit_legacy_chain (
  last_id   bigint PRIMARY KEY,
  head_hash char(64) NOT NULL
);
-- (The head is read in a CTE so the statement also runs where audit_log is already distributed by Citus.)
WITH head AS (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1)
INSERT INTO audit_legacy_chain (last_id, head_hash)
SELECT coalesce(max(id), 0), coalesce(max(hash), repeat('0', 64)) FROM head;

-- The chains that exist (a row is added with a chain's first audit row, in the same transaction), so the anchor
-- writer lists chains without scanning the log, and a chain whose every row was deleted is still known.
CREATE TABLE audit_chains (
  county_code char(6) PRIMARY KEY,
  started_at  timestamptz NOT NULL
);
