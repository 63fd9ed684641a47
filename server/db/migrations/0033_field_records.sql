-- 0033 (issue 16): field records from the field app (网格通): patrols (一日一巡) with their encrypted location
-- tracks, findings that became cases, visits (走访) and household risk assessments (安全风险评估), the photos and
-- voice notes of those records, the checklists and questionnaires as versioned data, and the daily patrol rollup.
-- Every record's id is the client's UUID (also the request's Idempotency-Key): a retry after a lost answer finds
-- the row by its primary key and creates nothing twice. Device times (started_at, visited_at…) are when it
-- happened; received_at is when the server got it (a record made offline arrives hours later).

-- Checklists and questionnaires (三必到, 四必清, 五必访, 四访三问, 六必查, household_risk): shipped as files
-- (server/modules/field/templates/*.json) and loaded at start. A changed file becomes a new version; a version is
-- never changed once stored (records name the version they were filled in with). owner as core/reference-owner.ts.
CREATE TABLE field_templates (
  id            uuid NOT NULL,
  code          text NOT NULL,
  version       integer NOT NULL,
  kind          text NOT NULL,
  owner         char(12) NOT NULL,
  name          jsonb NOT NULL,
  items         jsonb NOT NULL,
  thresholds    jsonb,
  source        text NOT NULL,
  confidence    text NOT NULL,
  content_hash  char(64) NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL
);
ALTER TABLE field_templates ADD CONSTRAINT field_templates_pkey PRIMARY KEY (id);
ALTER TABLE field_templates ADD CONSTRAINT field_templates_code_version_key UNIQUE (code, version, owner);
ALTER TABLE field_templates ADD CONSTRAINT field_templates_kind_check CHECK (kind IN ('visit','patrol','risk'));

-- A patrol: started and ended on the phone; counters summed from its track chunks.
CREATE TABLE patrols (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  user_id       uuid NOT NULL,
  grid_code     char(15) NOT NULL,
  village_code  char(12) NOT NULL,
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  end_record_id uuid,
  status        text NOT NULL DEFAULT 'open',
  chunk_count   integer NOT NULL DEFAULT 0,
  point_count   integer NOT NULL DEFAULT 0,
  distance_m    integer NOT NULL DEFAULT 0,
  finding_count integer NOT NULL DEFAULT 0,
  received_at   timestamptz NOT NULL
);
ALTER TABLE patrols ADD CONSTRAINT patrols_pkey PRIMARY KEY (county_code, id);
ALTER TABLE patrols ADD CONSTRAINT patrols_status_check CHECK (status IN ('open','ended'));
CREATE INDEX patrols_user_idx ON patrols (county_code, user_id, started_at);
CREATE INDEX patrols_grid_idx ON patrols (county_code, grid_code, started_at);

-- One chunk of a patrol's track: the points ([epoch ms, lat, lng, accuracy]…) are personal location data, kept
-- only encrypted (SM4-GCM, points_enc); counts, times and distance are computed before encryption.
CREATE TABLE patrol_track_chunks (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  patrol_id     uuid NOT NULL,
  seq           integer NOT NULL,
  points_enc    text NOT NULL,
  point_count   integer NOT NULL,
  first_at      timestamptz NOT NULL,
  last_at       timestamptz NOT NULL,
  distance_m    integer NOT NULL,
  created_by    uuid NOT NULL,
  received_at   timestamptz NOT NULL
);
ALTER TABLE patrol_track_chunks ADD CONSTRAINT patrol_track_chunks_pkey PRIMARY KEY (county_code, id);
ALTER TABLE patrol_track_chunks ADD CONSTRAINT patrol_track_chunks_seq_key UNIQUE (county_code, patrol_id, seq);
ALTER TABLE patrol_track_chunks ADD CONSTRAINT patrol_track_chunks_patrol_fkey FOREIGN KEY (county_code, patrol_id) REFERENCES patrols (county_code, id);

-- A problem seen on patrol; it became a case in the same transaction (the case holds place, text and photos).
CREATE TABLE patrol_findings (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  patrol_id     uuid NOT NULL,
  case_id       uuid NOT NULL,
  case_code     text NOT NULL,
  template_item text,
  recorded_at   timestamptz NOT NULL,
  created_by    uuid NOT NULL,
  received_at   timestamptz NOT NULL
);
ALTER TABLE patrol_findings ADD CONSTRAINT patrol_findings_pkey PRIMARY KEY (county_code, id);
ALTER TABLE patrol_findings ADD CONSTRAINT patrol_findings_patrol_fkey FOREIGN KEY (county_code, patrol_id) REFERENCES patrols (county_code, id);
ALTER TABLE patrol_findings ADD CONSTRAINT patrol_findings_case_fkey FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id);
CREATE INDEX patrol_findings_patrol_idx ON patrol_findings (county_code, patrol_id);

-- A visit (走访): append-only. A correction is a new record naming the one it supersedes (at most one each).
-- answers holds the answers of items that reveal nothing sensitive; answers of sensitive items and free text go
-- to answers_enc, the note to note_enc (both SM4-GCM).
CREATE TABLE visit_records (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  template_id   uuid NOT NULL,
  subject_type  text NOT NULL,
  subject_id    uuid NOT NULL,
  grid_code     char(15) NOT NULL,
  village_code  char(12) NOT NULL,
  task_id       uuid,
  answers       jsonb NOT NULL,
  answers_enc   text,
  note_enc      text,
  visited_at    timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  created_by    uuid NOT NULL,
  supersedes_id uuid
);
ALTER TABLE visit_records ADD CONSTRAINT visit_records_pkey PRIMARY KEY (county_code, id);
ALTER TABLE visit_records ADD CONSTRAINT visit_records_subject_type_check CHECK (subject_type IN ('household','person'));
ALTER TABLE visit_records ADD CONSTRAINT visit_records_supersedes_fkey FOREIGN KEY (county_code, supersedes_id) REFERENCES visit_records (county_code, id);
CREATE UNIQUE INDEX visit_records_supersedes_idx ON visit_records (county_code, supersedes_id) WHERE supersedes_id IS NOT NULL;
CREATE INDEX visit_records_subject_idx ON visit_records (county_code, subject_type, subject_id, visited_at DESC);
CREATE INDEX visit_records_grid_idx ON visit_records (county_code, grid_code, visited_at DESC);

-- Visits are evidence of work done: never changed or removed by the application (a retention purge, when one is
-- added, replaces this trigger in its own migration). The one change let through is a key rotation re-encrypting
-- the ciphertext columns named as the trigger's arguments (server/modules/keys): every other column must stay as it
-- was. The function reads no other table (safe on every shard).
CREATE FUNCTION field_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - TG_ARGV) = (to_jsonb(OLD) - TG_ARGV) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: a correction is a new record that supersedes it', TG_TABLE_NAME;
END $$;
CREATE TRIGGER visit_records_no_update BEFORE UPDATE OR DELETE ON visit_records
  FOR EACH ROW EXECUTE FUNCTION field_record_append_only('answers_enc', 'note_enc');

-- A household risk assessment: the answers reveal illness, drugs, violence, so they are kept only encrypted; the
-- score and level are computed on the server with core/field/risk-score.ts. Append-only like visits.
CREATE TABLE household_assessments (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  household_id  uuid NOT NULL,
  template_id   uuid NOT NULL,
  grid_code     char(15) NOT NULL,
  village_code  char(12) NOT NULL,
  answers_enc   text NOT NULL,
  score         integer NOT NULL,
  level         text NOT NULL,
  assessed_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  created_by    uuid NOT NULL,
  supersedes_id uuid
);
ALTER TABLE household_assessments ADD CONSTRAINT household_assessments_pkey PRIMARY KEY (county_code, id);
ALTER TABLE household_assessments ADD CONSTRAINT household_assessments_level_check CHECK (level IN ('high','medium','low'));
ALTER TABLE household_assessments ADD CONSTRAINT household_assessments_household_fkey FOREIGN KEY (county_code, household_id) REFERENCES households (county_code, id);
ALTER TABLE household_assessments ADD CONSTRAINT household_assessments_supersedes_fkey FOREIGN KEY (county_code, supersedes_id) REFERENCES household_assessments (county_code, id);
CREATE UNIQUE INDEX household_assessments_supersedes_idx ON household_assessments (county_code, supersedes_id) WHERE supersedes_id IS NOT NULL;
CREATE INDEX household_assessments_household_idx ON household_assessments (county_code, household_id, assessed_at DESC);
CREATE TRIGGER household_assessments_no_update BEFORE UPDATE OR DELETE ON household_assessments
  FOR EACH ROW EXECUTE FUNCTION field_record_append_only('answers_enc');

-- The household's current risk level (安全风险等级): the latest assessment by device time. Separate from
-- households.risk_level (关注程度) and from households.version, so an assessment never makes an edit stale.
CREATE TABLE household_risk_current (
  county_code   char(6) NOT NULL,
  household_id  uuid NOT NULL,
  level         text NOT NULL,
  score         integer NOT NULL,
  assessment_id uuid NOT NULL,
  assessed_at   timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
ALTER TABLE household_risk_current ADD CONSTRAINT household_risk_current_pkey PRIMARY KEY (county_code, household_id);
ALTER TABLE household_risk_current ADD CONSTRAINT household_risk_current_level_check CHECK (level IN ('high','medium','low'));
CREATE INDEX household_risk_current_level_idx ON household_risk_current (county_code, level);

-- A photo or voice note of a field record, by the client's attachment UUID (a retried upload finds it). The file
-- is an upload (uploads table); a finding's photo is also claimed into its case.
CREATE TABLE field_attachments (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  owner_type    text NOT NULL,
  owner_id      uuid NOT NULL,
  upload_id     uuid NOT NULL,
  kind          text NOT NULL,
  mime          text NOT NULL,
  size          integer NOT NULL,
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL
);
ALTER TABLE field_attachments ADD CONSTRAINT field_attachments_pkey PRIMARY KEY (county_code, id);
ALTER TABLE field_attachments ADD CONSTRAINT field_attachments_owner_type_check CHECK (owner_type IN ('visit','finding','assessment'));
ALTER TABLE field_attachments ADD CONSTRAINT field_attachments_kind_check CHECK (kind IN ('photo','voice'));
CREATE INDEX field_attachments_owner_idx ON field_attachments (county_code, owner_type, owner_id);

-- 一日一巡: per county, grid, worker and China-time day of the patrol's start; bumped in the transaction of each
-- record (start → patrols, end → ended and minutes, chunk → distance, finding → findings).
CREATE TABLE patrol_stats_daily (
  county_code   char(6) NOT NULL,
  grid_code     char(15) NOT NULL,
  user_id       uuid NOT NULL,
  day           date NOT NULL,
  patrols       integer NOT NULL DEFAULT 0,
  ended         integer NOT NULL DEFAULT 0,
  minutes       integer NOT NULL DEFAULT 0,
  distance_m    integer NOT NULL DEFAULT 0,
  findings      integer NOT NULL DEFAULT 0
);
ALTER TABLE patrol_stats_daily ADD CONSTRAINT patrol_stats_daily_pkey PRIMARY KEY (county_code, grid_code, user_id, day);
CREATE INDEX patrol_stats_daily_day_idx ON patrol_stats_daily (county_code, day);
