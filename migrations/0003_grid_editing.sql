-- 0003: grid editing (issue 3). The `grids` row is a grid's CURRENT version; every time an edit
-- changes a grid's units (or retires it) the version it had is copied here with the interval it
-- was valid, so the map can show the grids as they were on any past date:
--   a grid's state at time T = the grid_versions row with valid_from <= T < valid_to, else the
--   grids row when it is current and its current version started at or before T
--   (its start = grids.version_from, or grids.valid_from for grids never edited).

-- when the grid's current version began (NULL: at valid_from, for grids loaded before editing)
ALTER TABLE grids ADD COLUMN version_from timestamptz;

CREATE TABLE grid_versions (
  id              bigserial PRIMARY KEY,
  grid_id         integer NOT NULL REFERENCES grids (id),
  community_code  char(12) NOT NULL REFERENCES communities (code),
  code            char(15) NOT NULL,
  valid_from      timestamptz NOT NULL,
  valid_to        timestamptz NOT NULL CHECK (valid_to >= valid_from),
  unit_ids        integer[] NOT NULL DEFAULT '{}',
  households      integer NOT NULL CHECK (households >= 0),
  residents       integer NOT NULL CHECK (residents >= 0),
  unit_count      integer NOT NULL CHECK (unit_count >= 0),
  geom            geometry(MultiPolygon, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
  revision_id     bigint REFERENCES revisions (id)
);
CREATE INDEX grid_versions_grid_idx ON grid_versions (grid_id, valid_to);
CREATE INDEX grid_versions_community_idx ON grid_versions (community_code, valid_from, valid_to);
CREATE INDEX grid_versions_geom_gix ON grid_versions USING gist (geom);

-- history per community and per edit version (the 409 lists the revisions since a version)
CREATE INDEX revisions_community_created_idx ON revisions (community_code, id);
