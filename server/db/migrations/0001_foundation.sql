-- 0001 foundation: the one grid (regions, grids, household groups, staff), accounts, sessions,
-- integration tokens and the hash-chained audit log.
-- Why plain SQL: the same file runs on PGlite (PostgreSQL 18) and on a PostgreSQL 15 server.
-- Statuses and kinds are text + CHECK (never enum types, which cannot drop values).

CREATE TABLE regions (
  code        char(12) PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level       text NOT NULL CHECK (level IN ('province','prefecture','county','township','village')),
  parent_code char(12) REFERENCES regions(code),
  -- codes from the root down to this node, '/'-separated; the tree is also implied by code prefixes
  path        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent_idx ON regions(parent_code);
CREATE INDEX regions_code_prefix_idx ON regions(code bpchar_pattern_ops);

CREATE TABLE grids (
  code         char(15) PRIMARY KEY,
  village_code char(12) NOT NULL REFERENCES regions(code),
  county_code  char(6) NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- GeoJSON Polygon in longitude/latitude (CGCS2000 ≈ WGS84 at grid scale)
  geometry     jsonb NOT NULL,
  min_lng double precision NOT NULL, min_lat double precision NOT NULL,
  max_lng double precision NOT NULL, max_lat double precision NOT NULL,
  -- duty layers carried by this one grid (多网合一), e.g. {safety,productionSafety}
  duties       text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (substr(code, 1, 12) = village_code),
  CHECK (substr(code, 1, 6) = county_code)
);
CREATE INDEX grids_village_idx ON grids(village_code);
CREATE INDEX grids_code_prefix_idx ON grids(code bpchar_pattern_ops);

CREATE TABLE household_groups (
  id           uuid PRIMARY KEY,
  grid_code    char(15) NOT NULL REFERENCES grids(code) ON DELETE CASCADE,
  county_code  char(6) NOT NULL,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('household','shop','vehicle','person')),
  leader_name  text,
  member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_groups_grid_idx ON household_groups(grid_code);

CREATE TABLE users (
  id               uuid PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._-]{3,64}$'),
  display_name     text NOT NULL,
  role             text NOT NULL CHECK (role IN ('sysadmin','secadmin','auditor','leader','operator','handler','gridWorker','householdLeader','mediator','petitionOfficer')),
  scope_code       char(12) NOT NULL REFERENCES regions(code),
  password_hash    text NOT NULL,
  -- SM4-encrypted TOTP secret (base64); NULL until enrolled
  totp_secret_enc  text,
  totp_enrolled_at timestamptz,
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  disabled         boolean NOT NULL DEFAULT false,
  last_login_at    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_scope_idx ON users(scope_code bpchar_pattern_ops);

CREATE TABLE grid_staff (
  id          uuid PRIMARY KEY,
  grid_code   char(15) NOT NULL REFERENCES grids(code) ON DELETE CASCADE,
  county_code char(6) NOT NULL,
  role        text NOT NULL CHECK (role IN ('gridLeader','gridWorker','gridAssistant','gridAdviser','legalAdviser','villagePolice','householdLeader','partyMember')),
  name        text NOT NULL,
  user_id     uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_staff_grid_idx ON grid_staff(grid_code);

CREATE TABLE sessions (
  -- SM3 hash of the cookie value: a stolen database does not yield live sessions
  id_hash      text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 'enrol': may only set up TOTP; 'full': everything the role allows
  stage        text NOT NULL CHECK (stage IN ('enrol','full')),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip           text
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  scope_code   char(12) NOT NULL REFERENCES regions(code),
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Append-only, hash-chained audit log. hash = SM3(prev_hash || canonical row). The trigger refuses
-- UPDATE and DELETE; `anwang audit verify` catches changes made around it (e.g. by a superuser).
CREATE TABLE audit_log (
  county_code char(6) NOT NULL,
  id          bigint NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    text,
  actor_name  text,
  action      text NOT NULL,
  object_type text,
  object_id   text,
  outcome     text NOT NULL CHECK (outcome IN ('success','failure','denied')),
  ip          text,
  detail      jsonb,
  prev_hash   char(64) NOT NULL,
  hash        char(64) NOT NULL,
  PRIMARY KEY (county_code, id)
);
CREATE UNIQUE INDEX audit_log_id_idx ON audit_log(id, county_code);
CREATE INDEX audit_log_at_idx ON audit_log(at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
