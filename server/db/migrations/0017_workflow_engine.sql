-- Issue 11: the workflow machinery for any record, not only cases.
-- Clocks belong to a subject (type, id, county) instead of a case: one table and one sweep for every workflow.
-- The rows of case_deadlines move over with subject_type 'case', and case_deadlines is dropped (nothing reads it).
CREATE TABLE clocks (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  subject_type  text NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{1,31}$'),
  subject_id    uuid NOT NULL,
  -- each workflow names its own kinds (cases: first_response, stage, total)
  kind          text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,31}$'),
  mode          text NOT NULL CHECK (mode IN ('calendar','working')),
  limit_minutes integer NOT NULL,
  started_at    timestamptz NOT NULL,
  warn_at       timestamptz NOT NULL,
  due_at        timestamptz NOT NULL,
  state         text NOT NULL CHECK (state IN ('open','warned','breached','met','cancelled')),
  paused_at     timestamptz,
  closed_at     timestamptz,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX clocks_subject_idx ON clocks (county_code, subject_type, subject_id);
-- the sweep's two queues
CREATE INDEX clocks_warn_idx ON clocks (warn_at) WHERE state = 'open' AND paused_at IS NULL;
CREATE INDEX clocks_due_idx ON clocks (due_at) WHERE state IN ('open','warned') AND paused_at IS NULL;

INSERT INTO clocks (county_code, id, subject_type, subject_id, kind, mode, limit_minutes, started_at, warn_at, due_at, state, paused_at, closed_at)
  SELECT county_code, id, 'case', case_id, kind, mode, limit_minutes, started_at, warn_at, due_at, state, paused_at, closed_at FROM case_deadlines;
DROP TABLE case_deadlines;

-- In-app notifications name their subject (type, id) and the code a click opens (a case's code for /cases/<code>).
ALTER TABLE notifications ADD COLUMN subject_type text;
ALTER TABLE notifications ADD COLUMN subject_id uuid;
ALTER TABLE notifications ADD COLUMN subject_code text;
UPDATE notifications n SET subject_type = 'case', subject_id = n.case_id, subject_code = c.code
  FROM cases c WHERE n.case_id IS NOT NULL AND c.county_code = n.county_code AND c.id = n.case_id;
ALTER TABLE notifications DROP COLUMN case_id;
-- the unread count of the bell
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Messages still waiting in the outbox carry the subject instead of a case id.
UPDATE outbox SET payload = (payload - 'caseId') || jsonb_build_object('subject', jsonb_build_object(
    'type', 'case',
    'id', payload->>'caseId',
    'code', (SELECT c.code FROM cases c WHERE c.county_code = outbox.county_code AND c.id = (outbox.payload->>'caseId')::uuid)))
  WHERE delivered_at IS NULL AND payload ? 'caseId';
