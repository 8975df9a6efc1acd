// One FeatureCollection written in any download format, with its provenance inside the file:
// the layer downloads and the siting results share it (server/modules/exports).
import type { ExportFormat } from '../api/exports'
import type { ExportCrs } from './crs-choice'
import { writeCsv } from './csv'
import { writeFlatGeobuf } from './flatgeobuf'
import { GPKG_SRS, writeGeoPackage } from './geopackage'
import { type Provenance, provenanceText } from './provenance'
import { writeShapefileZip } from './shapefile'
import { writeXlsx } from './xlsx'

export const EXPORT_MEDIA: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  shp: 'application/zip',
  gpkg: 'application/geopackage+sqlite3',
  fgb: 'application/flatgeobuf',
}
export const EXPORT_EXTENSION: Record<ExportFormat, string> = {
  geojson: 'geojson',
  csv: 'csv',
  xlsx: 'xlsx',
  shp: 'zip',
  gpkg: 'gpkg',
  fgb: 'fgb',
}

/**
 * The file of a collection already in the chosen CRS: `name` names the layer inside (a
 * GeoPackage table, the FlatGeobuf layer), `stem` the file (and the Shapefile's members).
 */
export async function writeCollection(
  fc: GeoJSON.FeatureCollection,
  format: ExportFormat,
  o: { crs: ExportCrs; provenance: Provenance; name: string; stem: string },
): Promise<string | Buffer> {
  const { crs, provenance } = o
  if (format === 'geojson') return JSON.stringify({ ...fc, provenance })
  if (format === 'csv') return writeCsv(fc, { ...crs, provenance })
  if (format === 'xlsx') return Buffer.from(await writeXlsx(fc, { ...crs, provenance }))
  if (format === 'fgb')
    return Buffer.from(
      writeFlatGeobuf(fc, {
        epsg: crs.epsg,
        name: o.name,
        title: `Wangge 网格 ${o.name}`,
        description: provenanceText(provenance),
        metadata: JSON.stringify(provenance),
      }),
    )
  if (format === 'gpkg') {
    const bytes = await writeGeoPackage(fc, {
      table: o.name.replace(/[^A-Za-z0-9_]/g, '_'),
      srs: GPKG_SRS[crs.code as keyof typeof GPKG_SRS],
      title: `Wangge 网格 ${o.stem}`,
      provenance,
      provenanceText: provenanceText(provenance),
    })
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  return Buffer.from(writeShapefileZip(fc, { name: o.stem, prj: crs.prj, provenance: provenanceText(provenance) }))
}
