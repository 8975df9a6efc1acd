-- 每日指标快照: the key figures of the wall's tiles, once a day per scope (the district, each
-- street), so the wall can show each figure's trend since the first snapshot. Written at start-up
-- and once a day after; a second write on the same day changes nothing (the primary key).
CREATE TABLE indicator_snapshots (
  day       date NOT NULL,
  -- 'district' or a street code
  scope     text NOT NULL CHECK (scope = 'district' OR scope ~ '^[0-9]{9}$'),
  -- tile key → figure (households, grids, in-band, below-workers, gap, coverage-<type>)
  figures   jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  taken_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, scope)
);
CREATE INDEX indicator_snapshots_scope_idx ON indicator_snapshots (scope, day);
