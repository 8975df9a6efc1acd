// GeoPackage (OGC 12-128r18, version 1.3) of a FeatureCollection: an SQLite file built in memory
// with sql.js (SQLite compiled to WebAssembly: no native binding). It holds the tables every
// reader expects — gpkg_spatial_ref_sys (the chosen system's EPSG definition, or a GCJ-02 entry
// of our own), gpkg_contents, gpkg_geometry_columns — and one feature table whose geometries are
// GeoPackage binary (the `GP` header with srs id and envelope, then little-endian WKB). Column
// types are read from every feature (MEDIUMINT — 32-bit —, INTEGER, REAL, TEXT, BOOLEAN). The provenance goes into
// gpkg_contents.description and into gpkg_metadata as GDAL metadata XML referenced to the table,
// which GDAL and QGIS show as the layer's metadata (the gpkg_metadata extension).
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { propertyNames } from './csv'
import type { Provenance } from './provenance'

/** A coordinate system as GeoPackage stores it. */
export interface GpkgSrs {
  srsId: number
  name: string
  organization: string
  organizationCoordsysId: number
  /** OGC WKT 1 */
  definition: string
  description: string
}

const AXES = 'AXIS["Latitude",NORTH],AXIS["Longitude",EAST]'
const WGS84_GEOGCS = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],${AXES},AUTHORITY["EPSG","4326"]]`
const CGCS2000_BODY =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]'

/** The systems an export is written in (the definitions are GDAL's `gdalsrsinfo -o wkt1 EPSG:n`). */
export const GPKG_SRS: Record<'EPSG:4326' | 'EPSG:4490' | 'EPSG:4548' | 'GCJ-02', GpkgSrs> = {
  'EPSG:4326': {
    srsId: 4326,
    name: 'WGS 84 geodetic',
    organization: 'EPSG',
    organizationCoordsysId: 4326,
    definition: WGS84_GEOGCS,
    description: 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  },
  'EPSG:4490': {
    srsId: 4490,
    name: 'China Geodetic Coordinate System 2000',
    organization: 'EPSG',
    organizationCoordsysId: 4490,
    definition: `${CGCS2000_BODY},${AXES},AUTHORITY["EPSG","4490"]]`,
    description: 'CGCS2000 longitude/latitude in decimal degrees',
  },
  'EPSG:4548': {
    srsId: 4548,
    name: 'CGCS2000 / 3-degree Gauss-Kruger CM 117E',
    organization: 'EPSG',
    organizationCoordsysId: 4548,
    definition: `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",${CGCS2000_BODY},AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4548"]]`,
    description: 'CGCS2000 Gauss-Krüger 3° zone, central meridian 117°E, metres (false easting 500 km)',
  },
  // GCJ-02 has no EPSG code or datum: its coordinates are offset WGS84 degrees (as the .prj says)
  'GCJ-02': {
    srsId: 990002,
    name: 'GCJ-02',
    organization: 'NONE',
    organizationCoordsysId: 990002,
    definition: WGS84_GEOGCS.replace(',AUTHORITY["EPSG","4326"]]', ']').replace('GEOGCS["WGS 84"', 'GEOGCS["GCJ-02"'),
    description:
      'GCJ-02 (AMap) offset coordinates: WGS84 degrees shifted by the Chinese obfuscation; no standard definition',
  },
}

/** The three rows every GeoPackage has (the spec's Requirement 11). */
const REQUIRED_SRS: GpkgSrs[] = [
  GPKG_SRS['EPSG:4326'],
  {
    srsId: -1,
    name: 'Undefined cartesian SRS',
    organization: 'NONE',
    organizationCoordsysId: -1,
    definition: 'undefined',
    description: 'undefined cartesian coordinate reference system',
  },
  {
    srsId: 0,
    name: 'Undefined geographic SRS',
    organization: 'NONE',
    organizationCoordsysId: 0,
    definition: 'undefined',
    description: 'undefined geographic coordinate reference system',
  },
]

let sqlJs: Promise<SqlJsStatic> | undefined
const sqlite = () => {
  sqlJs ??= initSqlJs()
  return sqlJs
}

const WKB_TYPE: Record<GeoJSON.Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
}

/** ISO WKB (little endian, 2D) of a GeoJSON geometry. */
export function toWkb(g: GeoJSON.Geometry): Uint8Array {
  // a first pass measures, a second writes
  const visit = (geom: GeoJSON.Geometry, write?: DataView, at = { o: 0 }) => {
    const header = () => {
      if (write) {
        write.setUint8(at.o, 1)
        write.setUint32(at.o + 1, WKB_TYPE[geom.type], true)
      }
      at.o += 5
    }
    const count = (n: number) => {
      write?.setUint32(at.o, n, true)
      at.o += 4
    }
    const pos = (p: GeoJSON.Position) => {
      write?.setFloat64(at.o, p[0], true)
      write?.setFloat64(at.o + 8, p[1], true)
      at.o += 16
    }
    const line = (ps: GeoJSON.Position[]) => {
      count(ps.length)
      for (const p of ps) pos(p)
    }
    const poly = (rings: GeoJSON.Position[][]) => {
      count(rings.length)
      for (const r of rings) line(r)
    }
    header()
    switch (geom.type) {
      case 'Point':
        if (geom.coordinates.length) pos(geom.coordinates)
        else pos([Number.NaN, Number.NaN]) // the empty point
        break
      case 'LineString':
        line(geom.coordinates)
        break
      case 'Polygon':
        poly(geom.coordinates)
        break
      case 'MultiPoint':
        count(geom.coordinates.length)
        for (const p of geom.coordinates) visit({ type: 'Point', coordinates: p }, write, at)
        break
      case 'MultiLineString':
        count(geom.coordinates.length)
        for (const l of geom.coordinates) visit({ type: 'LineString', coordinates: l }, write, at)
        break
      case 'MultiPolygon':
        count(geom.coordinates.length)
        for (const p of geom.coordinates) visit({ type: 'Polygon', coordinates: p }, write, at)
        break
      case 'GeometryCollection':
        count(geom.geometries.length)
        for (const x of geom.geometries) visit(x, write, at)
        break
    }
    return at.o
  }
  const out = new Uint8Array(visit(g))
  visit(g, new DataView(out.buffer))
  return out
}

type Envelope = [number, number, number, number] // minx, maxx, miny, maxy

function envelopeOf(g: GeoJSON.Geometry): Envelope | null {
  const e: Envelope = [Infinity, -Infinity, Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[]
      if (x < e[0]) e[0] = x
      if (x > e[1]) e[1] = x
      if (y < e[2]) e[2] = y
      if (y > e[3]) e[3] = y
    } else for (const inner of c as unknown[]) visit(inner)
  }
  if (g.type === 'GeometryCollection')
    for (const x of g.geometries) {
      const inner = envelopeOf(x)
      if (inner)
        visit([
          [inner[0], inner[2]],
          [inner[1], inner[3]],
        ])
    }
  else visit(g.coordinates)
  return e[0] === Infinity ? null : e
}

/** A geometry as a GeoPackage binary blob (header, envelope except for points, WKB). */
export function gpkgGeometry(g: GeoJSON.Geometry, srsId: number): Uint8Array {
  const wkb = toWkb(g)
  const bounds = envelopeOf(g)
  const empty = bounds === null
  const envelope = g.type === 'Point' ? null : bounds
  const head = new Uint8Array(8 + (envelope ? 32 : 0))
  const view = new DataView(head.buffer)
  head[0] = 0x47 // G
  head[1] = 0x50 // P
  head[2] = 0 // version 1
  // flags: little endian (bit 0), envelope [minx, maxx, miny, maxy] (bits 1–3 = 1), empty (bit 4)
  head[3] = 1 | (envelope ? 1 << 1 : 0) | (empty ? 1 << 4 : 0)
  view.setInt32(4, srsId, true)
  if (envelope)
    envelope.forEach((v, i) => {
      view.setFloat64(8 + i * 8, v, true)
    })
  const out = new Uint8Array(head.length + wkb.length)
  out.set(head)
  out.set(wkb, head.length)
  return out
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

type Column = { name: string; source: string; type: 'MEDIUMINT' | 'INTEGER' | 'REAL' | 'TEXT' | 'BOOLEAN' }

const INT32 = (v: unknown) => Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31

/** Each property's SQLite type, from every feature's value (a first null does not decide). */
function columnsOf(fc: GeoJSON.FeatureCollection): Column[] {
  const taken = new Set(['fid', 'geom'])
  return propertyNames(fc).map((source) => {
    let name = source
    while (taken.has(name.toLowerCase())) name = `${name}_`
    taken.add(name.toLowerCase())
    const values = fc.features.map((f) => f.properties?.[source] ?? null).filter((v) => v !== null)
    const type: Column['type'] =
      values.length && values.every((v) => typeof v === 'boolean')
        ? 'BOOLEAN'
        : values.length && values.every(INT32)
          ? 'MEDIUMINT' // 32-bit: GDAL's Integer, as a Shapefile's
          : values.length && values.every((v) => Number.isSafeInteger(v))
            ? 'INTEGER'
            : values.length && values.every((v) => typeof v === 'number')
              ? 'REAL'
              : 'TEXT'
    return { name, source, type }
  })
}

function cellOf(v: unknown, type: Column['type']): string | number | null {
  if (v === null || v === undefined) return null
  if (type === 'BOOLEAN') return v ? 1 : 0
  if (type === 'MEDIUMINT' || type === 'INTEGER' || type === 'REAL') return v as number
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** The declared geometry type: one type, or its Multi form when single and multi parts mix. */
function geometryTypeOf(fc: GeoJSON.FeatureCollection): string {
  const types = new Set(fc.features.flatMap((f) => (f.geometry ? [f.geometry.type] : [])))
  if (types.size === 1) return [...types][0].toUpperCase()
  const bases = new Set([...types].map((t) => t.replace(/^Multi/, '')))
  if (bases.size === 1 && !bases.has('GeometryCollection')) return `MULTI${[...bases][0].toUpperCase()}`
  return 'GEOMETRY'
}

const xmlText = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** The provenance as GDAL metadata XML (GDAL reads `http://gdal.org` metadata of a table as the layer's). */
export function gdalMetadataXml(p: Provenance): string {
  const items: [string, string | number][] = [
    ['WANGGE_WHAT', p.what],
    ...Object.entries(p.filter).map(([k, v]): [string, string] => [`WANGGE_FILTER_${k.toUpperCase()}`, v]),
    ['WANGGE_EXPORTED_AT', p.exportedAt],
    ['WANGGE_REVISION', p.revision],
    ['WANGGE_CRS', p.crs],
    ...(p.crsNote ? [['WANGGE_CRS_NOTE', p.crsNote] as [string, string]] : []),
    ['WANGGE_FEATURES', p.features],
    ['WANGGE_SOURCE', p.source],
  ]
  const mdi = items.map(([k, v]) => `<MDI key="${k}">${xmlText(String(v))}</MDI>`).join('')
  return `<GDALMetadata><Metadata>${mdi}</Metadata></GDALMetadata>`
}

export interface GeoPackageOptions {
  /** the feature table's name (letters, digits, underscore) */
  table: string
  srs: GpkgSrs
  /** identifier shown by QGIS */
  title: string
  provenance: Provenance
  /** its text form, kept in gpkg_contents.description */
  provenanceText: string
}

/** A FeatureCollection as the bytes of a GeoPackage with one feature table. */
export async function writeGeoPackage(fc: GeoJSON.FeatureCollection, o: GeoPackageOptions): Promise<Uint8Array> {
  const SQL = await sqlite()
  const db = new SQL.Database()
  try {
    const srsId = o.srs.srsId
    const table = o.table
    const columns = columnsOf(fc)
    const geometryType = geometryTypeOf(fc)
    db.run(`PRAGMA application_id = ${0x47504b47}; PRAGMA user_version = 10300; PRAGMA page_size = 4096;`)
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
      organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
      geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
      definition TEXT NOT NULL, scope TEXT NOT NULL,
      CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    CREATE TABLE gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
      md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL,
      mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
    CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT,
      row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
      CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
      CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));`)
    const srsInsert = db.prepare('INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)')
    for (const s of [...REQUIRED_SRS, o.srs])
      srsInsert.run([s.name, s.srsId, s.organization, s.organizationCoordsysId, s.definition, s.description])
    srsInsert.free()

    const columnSql = columns.map((c) => `${quote(c.name)} ${c.type}`)
    db.run(
      `CREATE TABLE ${quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}${columnSql.map((c) => `, ${c}`).join('')})`,
    )
    // feature ids kept as fid when they are distinct positive integers (a grid's fid is its id)
    const ids = fc.features.map((f) => f.id)
    const keepIds =
      ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0) && new Set(ids).size === ids.length
    const insert = db.prepare(
      `INSERT INTO ${quote(table)} (fid, geom${columns.map((c) => `, ${quote(c.name)}`).join('')}) VALUES (?, ?${', ?'.repeat(columns.length)})`,
    )
    const extent: Envelope = [Infinity, -Infinity, Infinity, -Infinity]
    db.run('BEGIN')
    fc.features.forEach((f, i) => {
      const e = f.geometry ? envelopeOf(f.geometry) : null
      if (e) {
        extent[0] = Math.min(extent[0], e[0])
        extent[1] = Math.max(extent[1], e[1])
        extent[2] = Math.min(extent[2], e[2])
        extent[3] = Math.max(extent[3], e[3])
      }
      insert.run([
        keepIds ? (ids[i] as number) : i + 1,
        f.geometry ? gpkgGeometry(f.geometry, srsId) : null,
        ...columns.map((c) => cellOf(f.properties?.[c.source], c.type)),
      ])
    })
    db.run('COMMIT')
    insert.free()
    const has = extent[0] !== Infinity
    db.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      table,
      'features',
      o.title,
      o.provenanceText,
      o.provenance.exportedAt,
      has ? extent[0] : null,
      has ? extent[2] : null,
      has ? extent[1] : null,
      has ? extent[3] : null,
      srsId,
    ])
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [table, 'geom', geometryType, srsId])
    // the provenance, referenced to the table (GDAL shows it as the layer's metadata)
    const md = 'http://www.geopackage.org/spec/#extension_metadata'
    db.run(`INSERT INTO gpkg_extensions VALUES ('gpkg_metadata', NULL, 'gpkg_metadata', '${md}', 'read-write'),
      ('gpkg_metadata_reference', NULL, 'gpkg_metadata', '${md}', 'read-write')`)
    db.run("INSERT INTO gpkg_metadata VALUES (1, 'dataset', 'http://gdal.org', 'text/xml', ?)", [
      gdalMetadataXml(o.provenance),
    ])
    db.run("INSERT INTO gpkg_metadata_reference VALUES ('table', ?, NULL, NULL, ?, 1, NULL)", [
      table,
      o.provenance.exportedAt,
    ])
    return db.export()
  } finally {
    db.close()
  }
}
