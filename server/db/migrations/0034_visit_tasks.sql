-- 0034 (issue 16): visit tasks (走访任务) on the workflow engine. The hourly generator (server/modules/field-tasks)
-- opens one task per subject and rule from the rules as data (core/field/visit-rules.ts) and cancels those whose
-- rule no longer applies; a recorded visit closes the open tasks of its subject and opens the next one. Two
-- unique partial indexes make generation idempotent: one open task per subject and rule, and a one-off trigger
-- (a move into the grid, a petition) gives one task ever. Each task's `visit` clock (clocks table, calendar days)
-- warns the assignee and, on breach, the grid's leader.
CREATE TABLE visit_tasks (
  county_code     char(6) NOT NULL,
  id              uuid NOT NULL,
  subject_type    text NOT NULL CHECK (subject_type IN ('household', 'person')),
  subject_id      uuid NOT NULL,
  grid_code       char(15) NOT NULL,
  village_code    char(12) NOT NULL,
  -- a code of core/field/visit-rules.ts (never a sensitive category: severe mental illness is 'special_care')
  rule            text NOT NULL,
  -- the one-off fact that triggered it (registry history row, petition …); NULL for a recurring rule
  trigger_ref     text,
  -- the responsible worker: the person's care assignment, else the grid's first linked grid worker; NULL = none
  assignee_id     uuid,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  -- China calendar day by the end of which the visit is due
  due_on          date NOT NULL,
  interval_days   integer,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  closed_at       timestamptz,
  -- the visit record (field app) that completed it, and when the visit took place
  closed_by_visit uuid,
  visited_at      timestamptz,
  version         integer NOT NULL DEFAULT 0
);
ALTER TABLE visit_tasks ADD CONSTRAINT visit_tasks_pkey PRIMARY KEY (county_code, id);
CREATE UNIQUE INDEX visit_tasks_open_rule_idx ON visit_tasks (county_code, subject_type, subject_id, rule) WHERE status = 'open';
CREATE UNIQUE INDEX visit_tasks_trigger_idx ON visit_tasks (county_code, rule, trigger_ref) WHERE trigger_ref IS NOT NULL;
CREATE INDEX visit_tasks_assignee_idx ON visit_tasks (county_code, assignee_id, status, due_on);
CREATE INDEX visit_tasks_grid_idx ON visit_tasks (county_code, grid_code, status);
CREATE INDEX visit_tasks_subject_idx ON visit_tasks (county_code, subject_type, subject_id);
CREATE INDEX visit_tasks_updated_idx ON visit_tasks (county_code, updated_at);

CREATE TABLE visit_task_events (
  county_code     char(6) NOT NULL,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  task_id         uuid NOT NULL,
  type            text NOT NULL,
  from_status     text,
  to_status       text,
  actor_id        text NOT NULL,
  data            jsonb,
  at              timestamptz NOT NULL
);
ALTER TABLE visit_task_events ADD CONSTRAINT visit_task_events_pkey PRIMARY KEY (county_code, id);
ALTER TABLE visit_task_events ADD CONSTRAINT visit_task_events_task_fkey FOREIGN KEY (county_code, task_id) REFERENCES visit_tasks (county_code, id);
CREATE INDEX visit_task_events_task_idx ON visit_task_events (county_code, task_id);

-- An explicit 责任人 for a person under care, overriding the grid's workers.
CREATE TABLE care_assignments (
  county_code     char(6) NOT NULL,
  person_id       uuid NOT NULL,
  user_id         uuid NOT NULL REFERENCES users (id),
  assigned_by     text NOT NULL,
  assigned_at     timestamptz NOT NULL
);
ALTER TABLE care_assignments ADD CONSTRAINT care_assignments_pkey PRIMARY KEY (county_code, person_id);

-- Where the generator's scans of one-off facts (the registry's moves, petitions) left off, per county.
CREATE TABLE visit_rule_cursors (
  county_code     char(6) NOT NULL,
  source          text NOT NULL,
  last_at         timestamptz NOT NULL,
  last_ref        bigint NOT NULL DEFAULT 0
);
ALTER TABLE visit_rule_cursors ADD CONSTRAINT visit_rule_cursors_pkey PRIMARY KEY (county_code, source);
