-- 0026: duplicate suggestions look in a 200 m box. The index of 0004 finds a county's open cases of one category
-- newest first, and every one of them was read to find the few inside the box: a busy category (thousands of open
-- garbage reports in a month) made each report read thousands of rows. This one goes straight to the box's strip
-- of longitude; the planner picks whichever of the two reads less.
CREATE INDEX cases_open_near_idx ON cases (county_code, category_id, lng, lat)
  WHERE status NOT IN ('closed', 'rejected', 'redirected', 'merged') AND lat IS NOT NULL;
