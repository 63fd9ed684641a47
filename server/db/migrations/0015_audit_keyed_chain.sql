-- The audit chain becomes keyed (issue 10): new rows are hashed with HMAC-SM3 under an audit key kept outside
-- the database, so someone with only database access can no longer recompute the chain after a rewrite.
-- key_id names the audit key (first 4 bytes of its SM3, hex); NULL marks the rows written before this migration,
-- hashed with plain SM3, which the verifier still accepts, but only up to the boundary pinned by the anchors
-- (server/modules/audit/audit-anchors.ts), so rows cannot be "downgraded" to plain SM3 later.
ALTER TABLE audit_log ADD COLUMN key_id text;

-- The plain-SM3 rows never grow after this migration: the anchor writer finds their last id through this index.
CREATE INDEX audit_log_unkeyed_idx ON audit_log(id) WHERE key_id IS NULL;

-- The row trigger of 0001 refuses UPDATE and DELETE; TRUNCATE is a statement of its own and skipped it.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
