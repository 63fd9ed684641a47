-- Overdue defined once (issue 12): an open case is overdue when any of its clocks passed its due time, the
-- one-hour first response included (before, a missed first response did not count), and an ending of any kind
-- (closed, rejected, redirected, merged) takes a case out of the count (before, only a close did).
UPDATE cases c SET is_overdue = true
WHERE NOT c.is_overdue
  AND c.status NOT IN ('closed', 'rejected', 'redirected', 'merged')
  AND EXISTS (SELECT 1 FROM clocks k WHERE k.county_code = c.county_code AND k.subject_type = 'case' AND k.subject_id = c.id AND k.state = 'breached');

UPDATE cases SET is_overdue = false WHERE is_overdue AND status IN ('closed', 'rejected', 'redirected', 'merged');

-- The open-overdue counters, rebuilt from the cases they count.
DELETE FROM case_overdue_now;
INSERT INTO case_overdue_now (county_code, village_code, n)
SELECT county_code, village_code, count(*)::int FROM cases WHERE is_overdue GROUP BY county_code, village_code;
