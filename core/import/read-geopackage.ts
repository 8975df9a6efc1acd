// GeoPackage (.gpkg) for the importer: every feature table listed in gpkg_geometry_columns, read
// with sql.js (the SQLite the GeoPackage download is written with, ADR 28). A geometry is
// GeoPackage binary: the `GP` header (flags, srs id, an optional envelope), then WKB — ISO or
// standard, either byte order, Z and M dropped. The CRS is the table's srs when it is an EPSG code.
import initSqlJs, { type SqlJsStatic } from 'sql.js'

export interface GpkgLayer {
  name: string
  headers: string[]
  rows: { attrs: Record<string, string | number | boolean | null>; geometry: GeoJSON.Geometry | null }[]
  /** `EPSG:n` when the srs is an EPSG one */
  epsg: string | null
  srsName: string | null
}

let sqlJs: Promise<SqlJsStatic> | undefined

/** A WKB geometry as GeoJSON (2D). */
export function fromWkb(bytes: Uint8Array): GeoJSON.Geometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let o = 0
  const read = (): GeoJSON.Geometry => {
    const le = view.getUint8(o) === 1
    o += 1
    let type = view.getUint32(o, le)
    o += 4
    // EWKB flags (PostGIS) or ISO thousands: how many numbers a position has
    let dims = 2
    if (type & 0x80000000) dims++
    if (type & 0x40000000) dims++
    if (type & 0x20000000) o += 4 // an EWKB srid
    type &= 0x0fffffff
    if (type >= 3000) dims = 4
    else if (type >= 2000 || type >= 1000) dims = 3
    type %= 1000
    const u32 = () => {
      const v = view.getUint32(o, le)
      o += 4
      return v
    }
    const pos = (): GeoJSON.Position => {
      const p = [view.getFloat64(o, le), view.getFloat64(o + 8, le)]
      o += 8 * dims
      return p
    }
    const line = () => Array.from({ length: u32() }, pos)
    const rings = () => Array.from({ length: u32() }, line)
    const parts = <T>(): T[] => Array.from({ length: u32() }, () => read() as T)
    switch (type) {
      case 1:
        return { type: 'Point', coordinates: pos() }
      case 2:
        return { type: 'LineString', coordinates: line() }
      case 3:
        return { type: 'Polygon', coordinates: rings() }
      case 4:
        return { type: 'MultiPoint', coordinates: parts<GeoJSON.Point>().map((p) => p.coordinates) }
      case 5:
        return { type: 'MultiLineString', coordinates: parts<GeoJSON.LineString>().map((p) => p.coordinates) }
      case 6:
        return { type: 'MultiPolygon', coordinates: parts<GeoJSON.Polygon>().map((p) => p.coordinates) }
      case 7:
        return { type: 'GeometryCollection', geometries: parts<GeoJSON.Geometry>() }
      default:
        throw new Error(`WKB geometry type ${type} is not one Wangge reads`)
    }
  }
  return read()
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64]

/** A GeoPackage binary geometry as GeoJSON; null for an empty one. */
export function fromGpkgGeometry(blob: Uint8Array): GeoJSON.Geometry | null {
  if (blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry (no GP header)')
  const flags = blob[3]
  if (flags & 0x20) throw new Error('an extended GeoPackage geometry is not one Wangge reads')
  if (flags & 0x10) return null
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07]
  if (envelope === undefined) throw new Error('a GeoPackage geometry with an unknown envelope')
  return fromWkb(blob.subarray(8 + envelope))
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Every feature table of a GeoPackage. Throws with a reason when the bytes are not one. */
export async function readGeoPackageLayers(bytes: Uint8Array): Promise<GpkgLayer[]> {
  sqlJs ??= initSqlJs()
  const SQL = await sqlJs
  const db = new SQL.Database(bytes)
  try {
    const tables = db.exec(
      `SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id, s.srs_name
         FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id ORDER BY g.table_name`,
    )[0]
    if (!tables) return []
    return tables.values.map(([table, column, org, code, srsName]) => {
      const stmt = db.prepare(`SELECT * FROM ${quote(String(table))}`)
      const names = stmt.getColumnNames()
      const pk = db.exec(`PRAGMA table_info(${quote(String(table))})`)[0]?.values.find((c) => c[5] === 1)?.[1]
      const headers = names.filter((n) => n !== column && n !== pk)
      const rows: GpkgLayer['rows'] = []
      while (stmt.step()) {
        const r = stmt.getAsObject()
        const blob = r[String(column)]
        const attrs: GpkgLayer['rows'][number]['attrs'] = {}
        for (const h of headers) {
          const v = r[h]
          attrs[h] = v instanceof Uint8Array ? null : (v ?? null)
        }
        rows.push({ attrs, geometry: blob instanceof Uint8Array ? fromGpkgGeometry(blob) : null })
      }
      stmt.free()
      const epsg = String(org ?? '').toUpperCase() === 'EPSG' && Number(code) > 0 ? `EPSG:${code}` : null
      return { name: String(table), headers, rows, epsg, srsName: srsName === null ? null : String(srsName) }
    })
  } finally {
    db.close()
  }
}
