-- 0002 cases: the closed loop (C2). Categories, departments, routing rules, deadline policies and the
-- holiday calendar are data; cases, their events, deadlines, attachments, outbox and KPI rollups are keyed by
-- county_code so they can be distributed by county.

CREATE TABLE categories (
  id           text PRIMARY KEY CHECK (id ~ '^[a-z][A-Za-z0-9.]{1,63}$'),
  parent_id    text REFERENCES categories(id),
  name         text NOT NULL,
  name_en      text NOT NULL,
  -- private categories (family disputes, crime tips) never appear on public pages, Open311 or exports
  is_public    boolean NOT NULL DEFAULT true,
  default_tier text NOT NULL CHECK (default_tier IN ('minor','tricky','complex','hard')),
  -- {"tricky":["多次"],"hard":["群体"]}: words that raise the suggested tier
  keywords     jsonb NOT NULL DEFAULT '{}',
  sort         integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true
);

CREATE TABLE departments (
  id          uuid PRIMARY KEY,
  county_code char(6) NOT NULL,
  name        text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, name)
);

-- One owning department per category per county (复杂事 → that department).
CREATE TABLE department_categories (
  county_code   char(6) NOT NULL,
  category_id   text NOT NULL REFERENCES categories(id),
  department_id uuid NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  PRIMARY KEY (county_code, category_id)
);

ALTER TABLE users ADD COLUMN department_id uuid REFERENCES departments(id);

-- Tier → handling level per county; county '000000' holds the defaults.
CREATE TABLE routing_rules (
  county_code char(6) NOT NULL,
  tier        text NOT NULL CHECK (tier IN ('minor','tricky','complex','hard')),
  level       text NOT NULL CHECK (level IN ('village','township','department','county')),
  PRIMARY KEY (county_code, tier)
);
INSERT INTO routing_rules VALUES ('000000','minor','village'), ('000000','tricky','township'), ('000000','complex','department'), ('000000','hard','county');

-- Deadlines per category × tier ('*' = any category; county '000000' = defaults). Minutes of counted time.
CREATE TABLE deadline_policies (
  county_code            char(6) NOT NULL,
  category_id            text NOT NULL,
  tier                   text NOT NULL CHECK (tier IN ('minor','tricky','complex','hard')),
  first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
  stage_minutes          integer NOT NULL CHECK (stage_minutes > 0),
  total_minutes          integer NOT NULL CHECK (total_minutes > 0),
  mode                   text NOT NULL CHECK (mode IN ('calendar','working')),
  PRIMARY KEY (county_code, category_id, tier)
);
-- 一小时介入 for every tier; stage and end-to-end limits in working days.
INSERT INTO deadline_policies VALUES
  ('000000','*','minor',   60, 1440, 3*1440,  'working'),
  ('000000','*','tricky',  60, 2*1440, 7*1440, 'working'),
  ('000000','*','complex', 60, 3*1440, 15*1440, 'working'),
  ('000000','*','hard',    60, 5*1440, 30*1440, 'working');

-- Holidays and 调休 workdays: importable data (`anwang import calendar FILE.csv`).
CREATE TABLE calendar_days (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday','workday')),
  name text NOT NULL DEFAULT ''
);

CREATE TABLE cases (
  county_code         char(6) NOT NULL,
  id                  uuid NOT NULL,
  -- public tracking code: the county code and 8 random characters, e.g. 632221-7KQ2M9XF
  code                text NOT NULL,
  status              text NOT NULL CHECK (status IN ('submitted','accepted','dispatched','in_progress','reported_back','verified','followed_up','closed','rejected','redirected','merged')),
  outcome             text CHECK (outcome IN ('resolved','unresolved')),
  outcome_note        text,
  redirect_to         text,
  duplicate_of        uuid,
  category_id         text NOT NULL REFERENCES categories(id),
  tier                text NOT NULL CHECK (tier IN ('minor','tricky','complex','hard')),
  suggested_tier      text NOT NULL CHECK (suggested_tier IN ('minor','tricky','complex','hard')),
  urgency             text NOT NULL CHECK (urgency IN ('normal','high','top')),
  channel             text NOT NULL CHECK (channel IN ('visit','letter','web','phone','video','patrol','hotline','alarm','open311','app')),
  description         text NOT NULL,
  address             text,
  lat                 double precision,
  lng                 double precision,
  grid_code           char(15),
  village_code        char(12) NOT NULL,
  -- the owning centre (village, township or county) or the department handling it
  unit_level          text NOT NULL CHECK (unit_level IN ('village','township','department','county')),
  unit_code           char(12) NOT NULL,
  department_id       uuid,
  handler_user_id     uuid,
  handler_department_id uuid,
  reported_back_by    uuid,
  assisting           jsonb NOT NULL DEFAULT '[]',
  reporter_name_enc   text,
  reporter_phone_enc  text,
  reporter_phone_hash text,
  reporter_user_id    uuid,
  -- reporters of merged duplicates, kept informed of this case: [{"phoneEnc": "…", "code": "…"}]
  followers           jsonb NOT NULL DEFAULT '[]',
  is_public           boolean NOT NULL,
  reopen_count        integer NOT NULL DEFAULT 0,
  me_too_count        integer NOT NULL DEFAULT 0,
  paused_at           timestamptz,
  satisfaction        text CHECK (satisfaction IN ('satisfied','basically','unsatisfied')),
  resolved_level      text CHECK (resolved_level IN ('village','township','department','county')),
  pending_extension   jsonb,
  is_overdue          boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  accepted_at         timestamptz,
  first_response_at   timestamptz,
  closed_at           timestamptz,
  version             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, id),
  UNIQUE (county_code, code)
);
CREATE INDEX cases_village_idx ON cases (village_code bpchar_pattern_ops, created_at DESC);
CREATE INDEX cases_unit_idx ON cases (unit_code, status);
CREATE INDEX cases_status_idx ON cases (county_code, status, created_at DESC);
CREATE INDEX cases_handler_idx ON cases (handler_user_id) WHERE handler_user_id IS NOT NULL;
CREATE INDEX cases_handler_dept_idx ON cases (handler_department_id) WHERE handler_department_id IS NOT NULL;
-- duplicate suggestions: same county and category, recent, then distance and text in the service
CREATE INDEX cases_dup_idx ON cases (county_code, category_id, created_at DESC);

CREATE TABLE case_events (
  county_code char(6) NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  case_id     uuid NOT NULL,
  type        text NOT NULL,
  actor_id    text,
  actor_name  text,
  actor_role  text,
  from_status text,
  to_status   text,
  from_unit   text,
  to_unit     text,
  reason      text,
  data        jsonb,
  is_public   boolean NOT NULL DEFAULT false,
  at          timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_events_case_idx ON case_events (county_code, case_id, id);

CREATE TABLE case_deadlines (
  county_code   char(6) NOT NULL,
  id            uuid NOT NULL,
  case_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('first_response','stage','total')),
  mode          text NOT NULL CHECK (mode IN ('calendar','working')),
  limit_minutes integer NOT NULL,
  started_at    timestamptz NOT NULL,
  warn_at       timestamptz NOT NULL,
  due_at        timestamptz NOT NULL,
  state         text NOT NULL CHECK (state IN ('open','warned','breached','met','cancelled')),
  paused_at     timestamptz,
  closed_at     timestamptz,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_deadlines_case_idx ON case_deadlines (county_code, case_id);
-- the sweep's two queues
CREATE INDEX case_deadlines_warn_idx ON case_deadlines (warn_at) WHERE state = 'open' AND paused_at IS NULL;
CREATE INDEX case_deadlines_due_idx ON case_deadlines (due_at) WHERE state IN ('open','warned') AND paused_at IS NULL;

-- Files uploaded before the report that claims them (weak connections upload photos one by one).
CREATE TABLE uploads (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('photo','voice')),
  mime        text NOT NULL,
  size        integer NOT NULL,
  sha256      char(64) NOT NULL,
  storage_key text NOT NULL,
  claimed     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL
);

CREATE TABLE case_attachments (
  county_code char(6) NOT NULL,
  id          uuid NOT NULL,
  case_id     uuid NOT NULL,
  event_type  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('photo','voice')),
  mime        text NOT NULL,
  size        integer NOT NULL,
  storage_key text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (county_code, id),
  FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id)
);
CREATE INDEX case_attachments_case_idx ON case_attachments (county_code, case_id);

-- Side effects after commit: notifications, SMS, webhooks. Delivered by the outbox job.
CREATE TABLE outbox (
  county_code  char(6) NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  available_at timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  last_error   text,
  PRIMARY KEY (county_code, id)
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE delivered_at IS NULL;

CREATE TABLE notifications (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  county_code char(6) NOT NULL,
  case_id    uuid,
  kind       text NOT NULL,
  text       text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);

-- Idempotency-Key records: the first result of a create or action, replayed for the same key.
CREATE TABLE idempotency_keys (
  scope       text NOT NULL,
  key         text NOT NULL,
  fingerprint char(64) NOT NULL,
  state       text NOT NULL CHECK (state IN ('in_flight','done')),
  status      integer,
  body        jsonb,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

-- KPI rollups, written in the same transaction as the events they count (never scans of cases).
CREATE TABLE case_stats_daily (
  county_code         char(6) NOT NULL,
  village_code        char(12) NOT NULL,
  day                 date NOT NULL,
  received            integer NOT NULL DEFAULT 0,
  closed              integer NOT NULL DEFAULT 0,
  closed_on_time      integer NOT NULL DEFAULT 0,
  resolved            integer NOT NULL DEFAULT 0,
  resolved_village    integer NOT NULL DEFAULT 0,
  resolved_township   integer NOT NULL DEFAULT 0,
  rated               integer NOT NULL DEFAULT 0,
  satisfied           integer NOT NULL DEFAULT 0,
  first_responses     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, village_code, day)
);
-- first-response minutes in buckets (0–5, 5–10 … ) for the median
CREATE TABLE case_first_response_hist (
  county_code  char(6) NOT NULL,
  village_code char(12) NOT NULL,
  day          date NOT NULL,
  bucket       smallint NOT NULL,
  n            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, village_code, day, bucket)
);
CREATE TABLE case_overdue_now (
  county_code  char(6) NOT NULL,
  village_code char(12) NOT NULL,
  n            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_code, village_code)
);
