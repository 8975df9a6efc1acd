// The SQL of the analysis downloads: rows held in memory (coverage gaps, equity indicators) joined
// to their stored geometry, as a GeoJSON FeatureCollection in the clean served geometry — the
// same building points and community polygons the layer downloads carry.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { cleanGeometry, SERVED_DECIMALS } from '../../db/sql-fragments'
import { type MemoryRows, memorySource } from '../ogc/ogc.repository'
import { polygonsAsMulti } from '../tiles/tiles.repository'

export async function memoryGeoJson(db: Kysely<Database>, memory: MemoryRows): Promise<string> {
  const { rows } = await sql<{ fc: string }>`SELECT json_build_object('type', 'FeatureCollection', 'features',
      coalesce(json_agg(json_build_object('type', 'Feature', 'id', r.id,
        'geometry', ST_AsGeoJSON(${polygonsAsMulti(cleanGeometry(sql.ref('r.geom')))}, ${sql.lit(SERVED_DECIMALS)})::json,
        'properties', r.props) ORDER BY r.ord), '[]'::json))::text AS fc
    FROM (${memorySource(memory)}) r`.execute(db)
  return rows[0].fc
}
