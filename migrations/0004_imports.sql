-- 0004: imports (issue 9). Every uploaded file gets a row; a commit writes its rows in one
-- transaction with a revision (entity 'import') and keeps in `undo` exactly what a rollback
-- restores: the ids it added and the rows it changed, as they were (to_jsonb, geometry as EWKB).

ALTER TABLE revisions DROP CONSTRAINT revisions_entity_check;
ALTER TABLE revisions ADD CONSTRAINT revisions_entity_check
  CHECK (entity IN ('grid', 'facility', 'community', 'import'));

CREATE TABLE imports (
  id                    serial PRIMARY KEY,
  filename              text NOT NULL,
  format                text NOT NULL,
  size_bytes            bigint NOT NULL CHECK (size_bytes >= 0),
  status                text NOT NULL CHECK (status IN
                          ('uploaded', 'validating', 'validated', 'committing', 'committed', 'rolled_back', 'failed')),
  target                text,
  -- the CRS and encoding the rows were converted from
  crs                   text,
  encoding              text,
  counts                jsonb,
  problem_count         integer NOT NULL DEFAULT 0 CHECK (problem_count >= 0),
  author                text,
  reason                text NOT NULL DEFAULT '',
  created_at            timestamptz NOT NULL DEFAULT now(),
  committed_at          timestamptz,
  rolled_back_at        timestamptz,
  revision_id           bigint REFERENCES revisions (id),
  rollback_revision_id  bigint REFERENCES revisions (id),
  undo                  jsonb,
  message               text
);
CREATE INDEX imports_status_idx ON imports (status, id);

-- a building's code from the source file (or `<unit code>-<row>` when the file has none), so a
-- second import of the same file finds the buildings the first one stored
ALTER TABLE buildings ADD COLUMN code text;
CREATE UNIQUE INDEX buildings_code_uq ON buildings (code) WHERE code IS NOT NULL;
