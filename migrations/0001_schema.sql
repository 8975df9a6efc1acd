-- 0001: the whole data model (ARCHITECTURE.md). Frozen: change the schema in a new migration.
-- Every geometry is EPSG:4326, typed, GiST-indexed and checked valid. Big tables carry the
-- street code as their distribution key (a Citus scale-out path).

CREATE EXTENSION IF NOT EXISTS postgis;

-- Standards and tunables (docs/standards.md): data, not literals in code.
CREATE TABLE settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE districts (
  code  char(6) PRIMARY KEY,
  name  text NOT NULL,
  geom  geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX districts_geom_gix ON districts USING gist (geom);

-- 街道 subdistrict | 镇 town | 功能区 functional zone
CREATE TABLE streets (
  code           char(9) PRIMARY KEY,
  district_code  char(6) NOT NULL REFERENCES districts (code),
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('subdistrict', 'town', 'zone')),
  geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX streets_geom_gix ON streets USING gist (geom);

-- 社区 urban | 村 rural. households/residents are the registered totals that units must reconcile to.
CREATE TABLE communities (
  code          char(12) PRIMARY KEY,
  street_code   char(9) NOT NULL REFERENCES streets (code),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('urban', 'rural')),
  households    integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  residents     integer NOT NULL DEFAULT 0 CHECK (residents >= 0),
  workers       integer NOT NULL DEFAULT 0 CHECK (workers >= 0),
  edit_version  integer NOT NULL DEFAULT 1 CHECK (edit_version >= 1),
  geom          geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX communities_street_idx ON communities (street_code);
CREATE INDEX communities_geom_gix ON communities USING gist (geom);

-- A grid IS a set of units (units.grid_id). Its polygon and totals are a cache of its units,
-- rebuilt only when its membership changes. Retired grids keep their last polygon and totals
-- and a valid_to date; lineage says which grids they became.
CREATE TABLE grids (
  id              serial PRIMARY KEY,
  code            char(15) NOT NULL CHECK (code ~ '^[0-9]{15}$'),
  community_code  char(12) NOT NULL REFERENCES communities (code),
  street_code     char(9) NOT NULL REFERENCES streets (code),
  name            text NOT NULL,
  valid_from      date NOT NULL DEFAULT current_date,
  valid_to        date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  parent_ids      integer[] NOT NULL DEFAULT '{}',
  households      integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  residents       integer NOT NULL DEFAULT 0 CHECK (residents >= 0),
  unit_count      integer NOT NULL DEFAULT 0 CHECK (unit_count >= 0),
  geom            geometry(MultiPolygon, 4326) CHECK (geom IS NULL OR ST_IsValid(geom)),
  CHECK (substr(code, 1, 12) = community_code)
);
CREATE UNIQUE INDEX grids_current_code_uq ON grids (code) WHERE valid_to IS NULL;
CREATE INDEX grids_community_idx ON grids (community_code);
CREATE INDEX grids_street_idx ON grids (street_code);
CREATE INDEX grids_geom_gix ON grids USING gist (geom);

-- 住宅小区 compound | 楼院 courtyard | 村民小组 village group. Never split; tiles its community.
CREATE TABLE units (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  community_code  char(12) NOT NULL REFERENCES communities (code),
  street_code     char(9) NOT NULL REFERENCES streets (code),
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('compound', 'courtyard', 'village_group')),
  households      integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  residents       integer NOT NULL DEFAULT 0 CHECK (residents >= 0),
  grid_id         integer REFERENCES grids (id),
  geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX units_community_idx ON units (community_code);
CREATE INDEX units_grid_idx ON units (grid_id);
CREATE INDEX units_geom_gix ON units USING gist (geom);

-- 楼栋 building / 农户 farmhouse: the demand points of coverage.
CREATE TABLE buildings (
  id              serial PRIMARY KEY,
  unit_id         integer NOT NULL REFERENCES units (id),
  community_code  char(12) NOT NULL REFERENCES communities (code),
  street_code     char(9) NOT NULL REFERENCES streets (code),
  kind            text NOT NULL CHECK (kind IN ('highrise', 'midrise', 'lowrise', 'farmhouse')),
  floors          smallint NOT NULL DEFAULT 1 CHECK (floors >= 1),
  households      integer NOT NULL CHECK (households >= 0),
  residents       integer NOT NULL CHECK (residents >= 0),
  geom            geometry(Point, 4326) NOT NULL
);
CREATE INDEX buildings_unit_idx ON buildings (unit_id);
CREATE INDEX buildings_community_idx ON buildings (community_code);
CREATE INDEX buildings_geom_gix ON buildings USING gist (geom);

-- The standards table (docs/standards.md, life-circle tiers). Tiers are not interchangeable.
CREATE TABLE facility_types (
  code                          text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name_zh                       text NOT NULL,
  name_en                       text NOT NULL,
  service                       text NOT NULL,
  tier                          text NOT NULL CHECK (tier IN ('5min', '10min', '15min', 'village')),
  default_radius_m              integer NOT NULL CHECK (default_radius_m > 0),
  min_activity_share            numeric CHECK (min_activity_share BETWEEN 0 AND 1),
  floor_area_m2_per_100_households numeric CHECK (floor_area_m2_per_100_households >= 0),
  colour                        text NOT NULL DEFAULT '#888888',
  sort                          integer NOT NULL DEFAULT 0
);

CREATE TABLE facilities (
  id                serial PRIMARY KEY,
  type_code         text NOT NULL REFERENCES facility_types (code),
  name              text NOT NULL,
  street_code       char(9) NOT NULL REFERENCES streets (code),
  community_code    char(12) REFERENCES communities (code),
  status            text NOT NULL CHECK (status IN ('existing', 'planned', 'retired')),
  floor_area_m2     numeric CHECK (floor_area_m2 >= 0),
  activity_area_m2  numeric CHECK (activity_area_m2 >= 0),
  capacity          integer CHECK (capacity >= 0),
  radius_m          integer CHECK (radius_m > 0),
  version           integer NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  geom              geometry(Point, 4326) NOT NULL,
  CHECK (activity_area_m2 IS NULL OR floor_area_m2 IS NULL OR activity_area_m2 <= floor_area_m2)
);
CREATE INDEX facilities_type_idx ON facilities (type_code);
CREATE INDEX facilities_geom_gix ON facilities USING gist (geom);

-- Append-only history of every change to grids and facilities (who, when, why, before/after).
CREATE TABLE revisions (
  id              bigserial PRIMARY KEY,
  entity          text NOT NULL CHECK (entity IN ('grid', 'facility', 'community')),
  entity_id       text NOT NULL,
  community_code  char(12),
  action          text NOT NULL,
  author          text NOT NULL CHECK (length(author) > 0),
  reason          text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  before          jsonb,
  after           jsonb
);
CREATE INDEX revisions_entity_idx ON revisions (entity, entity_id);
CREATE INDEX revisions_community_idx ON revisions (community_code);

CREATE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'revisions are append-only: % is not allowed', TG_OP;
END $$;
CREATE TRIGGER revisions_no_update BEFORE UPDATE OR DELETE ON revisions
  FOR EACH ROW EXECUTE FUNCTION revisions_append_only();
