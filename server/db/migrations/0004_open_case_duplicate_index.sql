-- 0004: duplicate suggestions look only at open cases. A busy county holds millions of closed cases of the
-- same category in the same month; a partial index over open cases keeps intake from reading them.
CREATE INDEX cases_open_dup_idx ON cases (county_code, category_id, created_at DESC)
  WHERE status NOT IN ('closed', 'rejected', 'redirected', 'merged');
DROP INDEX cases_dup_idx;
