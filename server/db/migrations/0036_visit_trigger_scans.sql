-- 0036 (session 13): the one-off facts the visit generator takes up (a household moved into a grid, a petitioner who
-- is a registry person) are remembered by reference instead of by a time cursor. A cursor passes over a fact whose
-- transaction commits after a scan has moved beyond its time (its time is when it began), and over facts sharing one
-- instant beyond a scan's limit; a reference is taken up once, whenever it commits (within the week the scan reads).
CREATE TABLE visit_trigger_scans (
  county_code     char(6) NOT NULL,
  ref             text NOT NULL,
  scanned_at      timestamptz NOT NULL
);
ALTER TABLE visit_trigger_scans ADD CONSTRAINT visit_trigger_scans_pkey PRIMARY KEY (county_code, ref);

-- What the cursors had passed counts as taken up.
INSERT INTO visit_trigger_scans (county_code, ref, scanned_at)
SELECT p.county_code, 'pt:' || p.petition_id || ':' || p.person_id, c.last_at
FROM petitioners p JOIN visit_rule_cursors c ON c.county_code = p.county_code AND c.source = 'petitions'
WHERE p.person_id IS NOT NULL AND p.created_at <= c.last_at
ON CONFLICT DO NOTHING;
INSERT INTO visit_trigger_scans (county_code, ref, scanned_at)
SELECT h.county_code, 'rh:' || h.id, c.last_at
FROM registry_history h JOIN visit_rule_cursors c ON c.county_code = h.county_code AND c.source = 'arrivals'
WHERE h.object_type = 'household' AND h.event = 'moved' AND (h.at < c.last_at OR (h.at = c.last_at AND h.id <= c.last_ref))
ON CONFLICT DO NOTHING;

DROP TABLE visit_rule_cursors;
