// The coordinate systems an export can be written in, with their .prj (Esri WKT 1, as QGIS and
// ArcGIS read it) and how coordinates are rounded.
import { crsInfo, crsTransform, type LngLat } from '../geo/crs'

export const EXPORT_CRS_IDS = ['wgs84', 'cgcs2000', 'epsg4548', 'gcj02'] as const
export type ExportCrsId = (typeof EXPORT_CRS_IDS)[number]

const CGCS2000_GEOGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
const WGS84_GEOGCS =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'

export interface ExportCrs {
  id: ExportCrsId
  /** canonical code (core/geo/crs.ts) */
  code: string
  /** EPSG number for formats that store one (FlatGeobuf); 0 when there is none (GCJ-02) */
  epsg: number
  /** the .prj of a Shapefile */
  prj: string
  /** decimals kept: 7 for degrees (~1 cm), 3 for metres */
  decimals: number
  metric: boolean
  /** a note for the provenance when the system has no standard definition */
  note?: string
}

const table: Record<ExportCrsId, Omit<ExportCrs, 'id' | 'metric'>> = {
  wgs84: { code: 'EPSG:4326', epsg: 4326, prj: WGS84_GEOGCS, decimals: 7 },
  cgcs2000: { code: 'EPSG:4490', epsg: 4490, prj: CGCS2000_GEOGCS, decimals: 7 },
  epsg4548: {
    code: 'EPSG:4548',
    epsg: 4548,
    prj: `PROJCS["CGCS2000_3_Degree_GK_CM_117E",${CGCS2000_GEOGCS},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`,
    decimals: 3,
  },
  gcj02: {
    code: 'GCJ-02',
    epsg: 0,
    // GCJ-02 has no EPSG code or datum of its own: its coordinates are offset WGS84 degrees
    prj: WGS84_GEOGCS,
    decimals: 7,
    note: 'GCJ-02 (AMap) offset coordinates; the .prj says WGS84 degrees because GCJ-02 has no standard definition',
  },
}

export function exportCrs(id: ExportCrsId): ExportCrs {
  const t = table[id]
  return { id, ...t, metric: crsInfo(t.code).metric }
}

/** Rewrites every position of a WGS84 FeatureCollection into the chosen system (a new object). */
export function reprojectCollection(fc: GeoJSON.FeatureCollection, crs: ExportCrs): GeoJSON.FeatureCollection {
  const { fromWgs84 } = crsTransform(crs.code)
  const f = 10 ** crs.decimals
  const round = (v: number) => Math.round(v * f) / f
  const pos = (p: GeoJSON.Position): GeoJSON.Position => {
    const [x, y] = fromWgs84([p[0], p[1]] as LngLat)
    return [round(x), round(y)]
  }
  const geom = (g: GeoJSON.Geometry | null): GeoJSON.Geometry | null => {
    if (!g) return g
    switch (g.type) {
      case 'Point':
        return { type: 'Point', coordinates: pos(g.coordinates) }
      case 'MultiPoint':
      case 'LineString':
        return { type: g.type, coordinates: g.coordinates.map(pos) } as GeoJSON.Geometry
      case 'MultiLineString':
      case 'Polygon':
        return { type: g.type, coordinates: g.coordinates.map((r) => r.map(pos)) } as GeoJSON.Geometry
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(pos))) }
      case 'GeometryCollection':
        return { type: 'GeometryCollection', geometries: g.geometries.map((x) => geom(x)!) }
    }
  }
  return { type: 'FeatureCollection', features: fc.features.map((x) => ({ ...x, geometry: geom(x.geometry)! })) }
}
