-- 0006: the walk network (步行网络, issue 11, ADR 21). Nodes and edges in the layout pgRouting reads
-- (id, source, target, cost, reverse_cost: a negative cost leaves an edge out), the barriers the
-- network crosses only at bridges, level crossings and underpasses, and where each building joins
-- the network (its access point, 接入点). One network per database: the demo generator or an
-- import replaces it whole.

CREATE TABLE walk_nodes (
  id    integer PRIMARY KEY,
  geom  geometry(Point, 4326) NOT NULL
);
CREATE INDEX walk_nodes_geom_gix ON walk_nodes USING gist (geom);

CREATE TABLE walk_edges (
  id            integer PRIMARY KEY,
  source        integer NOT NULL REFERENCES walk_nodes (id),
  target        integer NOT NULL REFERENCES walk_nodes (id),
  length_m      double precision NOT NULL CHECK (length_m >= 0),
  class         text NOT NULL CHECK (class IN
                  ('footway', 'residential', 'arterial', 'bridge', 'level_crossing', 'underpass', 'expressway')),
  walkable      boolean NOT NULL DEFAULT true,
  bridge        boolean NOT NULL DEFAULT false,
  tunnel        boolean NOT NULL DEFAULT false,
  name          text,
  -- pgRouting's columns: both ways at the edge's length, or left out (-1) where no one may walk
  cost          double precision GENERATED ALWAYS AS (CASE WHEN walkable THEN length_m ELSE -1 END) STORED,
  reverse_cost  double precision GENERATED ALWAYS AS (CASE WHEN walkable THEN length_m ELSE -1 END) STORED,
  geom          geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX walk_edges_source_idx ON walk_edges (source);
CREATE INDEX walk_edges_target_idx ON walk_edges (target);
CREATE INDEX walk_edges_geom_gix ON walk_edges USING gist (geom);

-- 障碍: what walking cannot cross except where an edge does (rivers, canals, railways, expressways, port land)
CREATE TABLE walk_barriers (
  id    serial PRIMARY KEY,
  kind  text NOT NULL CHECK (kind IN ('river', 'canal', 'railway', 'expressway', 'port')),
  name  text NOT NULL DEFAULT '',
  geom  geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geom)
          AND GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON'))
);
CREATE INDEX walk_barriers_geom_gix ON walk_barriers USING gist (geom);

-- 接入点: a building joins the network on edge `edge_id` at fraction t of its length (0 at source),
-- `access_m` metres from the building (the walk from the door to the street, counted in distances)
CREATE TABLE building_access (
  building_id  integer PRIMARY KEY REFERENCES buildings (id) ON DELETE CASCADE,
  edge_id      integer NOT NULL REFERENCES walk_edges (id) ON DELETE CASCADE,
  t            double precision NOT NULL CHECK (t >= 0 AND t <= 1),
  access_m     double precision NOT NULL CHECK (access_m >= 0)
);
CREATE INDEX building_access_edge_idx ON building_access (edge_id);
