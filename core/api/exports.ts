// The export contract: which layers, formats and coordinate systems a download offers.
import { Type } from 'typebox'
import { EXPORT_CRS_IDS, type ExportCrsId } from '../export/crs-choice'
import { CommunityCode, StreetCode } from './common'

export const EXPORT_LAYERS = ['streets', 'communities', 'grids', 'units', 'buildings', 'facilities'] as const
/** The analysis views that download like layers: the coverage gaps and the equity indicators. */
export const EXPORT_ANALYSIS_LAYERS = ['coverage-gaps', 'equity-indicators'] as const
export type ExportLayer = (typeof EXPORT_LAYERS)[number] | (typeof EXPORT_ANALYSIS_LAYERS)[number]
export const EXPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'shp', 'gpkg', 'fgb'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const FormatParam = Type.Union(
  EXPORT_FORMATS.map((f) => Type.Literal(f)),
  {
    description:
      'geojson, csv (WKT + a point as two columns + provenance columns), xlsx (the same table and a provenance sheet), shp (zipped Shapefile), gpkg (GeoPackage) or fgb (FlatGeobuf)',
  },
)
const CrsParam = Type.Union(
  EXPORT_CRS_IDS.map((c) => Type.Literal(c)),
  { description: 'wgs84 (default), cgcs2000 (EPSG:4490), epsg4548 (CGCS2000 GK CM 117°E, metres), gcj02 (AMap)' },
)

/** The download of a siting result (POST /api/exports/siting, the result in the body). */
export const SitingExportQuery = Type.Object(
  { format: FormatParam, crs: Type.Optional(CrsParam) },
  { additionalProperties: false },
)

export const ExportQuery = Type.Object(
  {
    format: FormatParam,
    crs: Type.Optional(CrsParam),
    community: Type.Optional(CommunityCode),
    street: Type.Optional(StreetCode),
    scenario: Type.Optional(
      Type.Union([Type.Literal('as-is'), Type.Literal('with-planned')], {
        description: 'coverage-gaps and equity-indicators: as-is (default) or with the planned facilities',
      }),
    ),
    type: Type.Optional(Type.String({ description: 'coverage-gaps only: one facility type (default: every type)' })),
    tier: Type.Optional(Type.String({ description: 'coverage-gaps only: the types of one life-circle tier' })),
  },
  { additionalProperties: false },
)

export const ExportLayerParam = Type.Union(
  [...EXPORT_LAYERS, ...EXPORT_ANALYSIS_LAYERS].map((l) => Type.Literal(l)),
  { description: 'the layer to download' },
)

/** The download path of a layer in a format and CRS, optionally one community's or street's part. */
export function exportPath(
  layer: ExportLayer,
  options: {
    format: ExportFormat
    crs?: ExportCrsId
    community?: string
    street?: string
    scenario?: 'as-is' | 'with-planned'
    type?: string
    tier?: string
  },
): string {
  const q = new URLSearchParams({ format: options.format })
  if (options.crs && options.crs !== 'wgs84') q.set('crs', options.crs)
  if (options.community) q.set('community', options.community)
  if (options.street) q.set('street', options.street)
  if (options.scenario && options.scenario !== 'as-is') q.set('scenario', options.scenario)
  if (options.type) q.set('type', options.type)
  else if (options.tier) q.set('tier', options.tier)
  return `/api/exports/${layer}?${q}`
}
