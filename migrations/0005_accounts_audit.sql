-- 0005: accounts, sessions, kiosk links and the audit log (issue 13).
-- Passwords are scrypt hashes (server/modules/auth/password.ts); session and token secrets are
-- stored only as SHA-256 digests, so a copy of the database signs nobody in.

CREATE TABLE users (
  id                serial PRIMARY KEY,
  username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,40}$'),
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role              text NOT NULL CHECK (role IN
                      ('administrator', 'district_planner', 'street_planner', 'analyst', 'viewer')),
  -- street codes a street planner may edit in (empty for every other role)
  streets           text[] NOT NULL DEFAULT '{}',
  password_hash     text NOT NULL,
  api_token_hash    text UNIQUE,
  locked            boolean NOT NULL DEFAULT false,
  failed_sign_ins   integer NOT NULL DEFAULT 0,
  locked_until      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kiosk_links (
  id          serial PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  label       text NOT NULL,
  -- the wall it opens: a street code, or '' for the whole district
  street_code text NOT NULL DEFAULT '',
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

CREATE TABLE sessions (
  id_hash       text PRIMARY KEY,
  user_id       integer REFERENCES users (id) ON DELETE CASCADE,
  kiosk_link_id integer REFERENCES kiosk_links (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  CHECK ((user_id IS NULL) <> (kiosk_link_id IS NULL))
);
CREATE INDEX sessions_user ON sessions (user_id);

-- append-only: one row per write, sign-in (failed ones too), role change, import, export and
-- kiosk link. The trigger refuses UPDATE, DELETE and TRUNCATE on both engines; on the server
-- engine the app role is also granted only INSERT and SELECT (docs/deployment: least privilege).
CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor     text NOT NULL,
  role      text,
  ip        text,
  action    text NOT NULL,
  target    text,
  status    integer,
  before    jsonb,
  after     jsonb,
  details   jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

INSERT INTO settings (key, value, description) VALUES
  ('auth.analysts_may_plan', 'false', 'analysts may add and edit planned facilities (administrator''s toggle)');
