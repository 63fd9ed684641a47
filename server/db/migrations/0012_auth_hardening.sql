-- 0012 sign-in hardening (issue 10): TOTP replay, forced password change, integration-token expiry, reveal budgets.

-- The last TOTP time step accepted for the user (sign-in, enrolment, any check): a code is accepted once, and only
-- for a step after this one. Written with a conditional UPDATE, so two concurrent uses of one code cannot both pass.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Set when an administrator set the password (at creation or a reset): the next session can only change it.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- 'password': a session that may only change the password (see must_change_password).
ALTER TABLE sessions DROP CONSTRAINT sessions_stage_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_stage_check CHECK (stage IN ('enrol','password','full'));
-- The session cap ends a user's oldest sessions first.
CREATE INDEX sessions_user_created_idx ON sessions (user_id, created_at);

-- Integration tokens expire. Tokens issued before this migration get a year from their issue.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = created_at + interval '365 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;

-- How many full reads of personal data (registry reveals, case reporter reveals) each actor made lately, as a
-- leaky bucket: `level` drains at the configured rate since `updated_at`. One row per actor, updated under a row
-- lock, so concurrent reveals are counted exactly. `alerted_at`: when the security administrators were last told.
CREATE TABLE reveal_budgets (
  actor_id   text PRIMARY KEY,
  level      double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  alerted_at timestamptz
);
