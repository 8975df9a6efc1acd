// FlatGeobuf through the format's reference implementation (`flatgeobuf`), with what its own
// serializer leaves out: the header's title, description and metadata (the export's provenance,
// which GDAL and QGIS show as layer metadata), and column types read from every feature rather
// than the first (a first null would otherwise type a number column as text).
import { Builder } from 'flatbuffers'
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js'
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js'
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js'
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js'
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js'
import { mapColumn } from 'flatgeobuf/lib/mjs/generic/featurecollection.js'
import { inferGeometryType } from 'flatgeobuf/lib/mjs/generic/header.js'
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js'
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js'
import { propertyNames } from './csv'

export interface FlatGeobufHeader {
  /** EPSG code of the coordinates; 0 for none (GCJ-02) */
  epsg: number
  /** the layer name */
  name: string
  title: string
  description: string
  /** JSON text */
  metadata: string
}

function headerBytes(meta: HeaderMeta, h: FlatGeobufHeader): Uint8Array {
  const b = new Builder()
  const columns = Header.createColumnsVector(
    b,
    (meta.columns ?? []).map((c) => {
      const name = b.createString(c.name)
      Column.startColumn(b)
      Column.addName(b, name)
      Column.addType(b, c.type)
      Column.addNullable(b, true)
      return Column.endColumn(b)
    }),
  )
  const name = b.createString(h.name)
  const title = b.createString(h.title)
  const description = b.createString(h.description)
  const metadata = b.createString(h.metadata)
  let crs = 0
  if (h.epsg) {
    Crs.startCrs(b)
    Crs.addCode(b, h.epsg)
    crs = Crs.endCrs(b)
  }
  Header.startHeader(b)
  if (crs) Header.addCrs(b, crs)
  Header.addFeaturesCount(b, BigInt(meta.featuresCount))
  Header.addGeometryType(b, meta.geometryType)
  Header.addIndexNodeSize(b, 0)
  Header.addColumns(b, columns)
  Header.addName(b, name)
  Header.addTitle(b, title)
  Header.addDescription(b, description)
  Header.addMetadata(b, metadata)
  b.finishSizePrefixed(Header.endHeader(b))
  return b.asUint8Array()
}

/** A FeatureCollection (one geometry type, at least one feature) as FlatGeobuf bytes. */
export function writeFlatGeobuf(fc: GeoJSON.FeatureCollection, header: FlatGeobufHeader): Uint8Array {
  const names = propertyNames(fc)
  // each column typed by its first value that is not null
  const sample = Object.fromEntries(
    names.map((n) => [n, fc.features.find((f) => (f.properties?.[n] ?? null) !== null)?.properties?.[n] ?? null]),
  )
  const meta: HeaderMeta = {
    geometryType: fc.features.length ? inferGeometryType(fc.features as never) : 0,
    columns: names.map((n) => mapColumn(sample as never, n)),
    envelope: null,
    featuresCount: fc.features.length,
    indexNodeSize: 0,
    crs: null,
    title: header.title,
    description: header.description,
    metadata: header.metadata,
  }
  const features = fc.features.map((f) => {
    const props = Object.fromEntries(names.map((n) => [n, f.properties?.[n] ?? null]))
    return buildFeature(parseGeometry(f.geometry as never), props as never, meta)
  })
  const head = headerBytes(meta, header)
  const out = new Uint8Array(magicbytes.length + head.length + features.reduce((s, f) => s + f.length, 0))
  out.set(magicbytes)
  out.set(head, magicbytes.length)
  let offset = magicbytes.length + head.length
  for (const f of features) {
    out.set(f, offset)
    offset += f.length
  }
  return out
}
