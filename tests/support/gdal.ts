// GDAL's command-line tools for tests that read back what Wangge writes. CI installs gdal-bin
// (.ci/run); without it locally such tests skip with a note, in CI (CI=true) they must run.
// Works with GDAL 3.6 (Debian 12), whose ogrinfo has no -json.
import { execFileSync, spawnSync } from 'node:child_process'

export const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0
if (!hasGdal && process.env.CI === 'true') throw new Error('GDAL (ogrinfo) is missing in CI: .ci/run installs gdal-bin')
if (!hasGdal) console.warn('GDAL (ogrinfo) not installed: tests that read exports back with GDAL are skipped')

export interface OgrSummary {
  featureCount: number
  geometry: string
  /** field name → OGR type (String, Integer64, Real, …) */
  fields: Map<string, string>
  /** the EPSG code GDAL identified for the layer's CRS, if any */
  epsg?: number
}

/** `ogrinfo -so -al` of a file GDAL can open (e.g. `/vsizip/…`), read into a summary. */
export function ogrSummary(path: string): OgrSummary {
  const text = execFileSync('ogrinfo', ['-so', '-al', '-ro', path], { maxBuffer: 1 << 26 }).toString()
  const fields = new Map<string, string>()
  const after = text.slice(text.search(/^(FID Column|Geometry Column|[A-Za-z_0-9]+: )/m))
  for (const m of after.matchAll(/^([A-Za-z_0-9]+): ([A-Za-z0-9]+) \(/gm)) fields.set(m[1], m[2])
  const epsgs = [...text.matchAll(/ID\["EPSG",(\d+)\]\]\s*$/gm)].map((m) => Number(m[1]))
  return {
    featureCount: Number(/Feature Count: (\d+)/.exec(text)![1]),
    geometry: /Geometry: (.+)/.exec(text)![1].trim(),
    fields,
    epsg: epsgs.at(-1),
  }
}

/** The features of a file as GDAL reads them, as GeoJSON (coordinates as stored). */
export function ogrFeatures(path: string): GeoJSON.Feature[] {
  const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path], { maxBuffer: 1 << 28 }).toString()
  return (JSON.parse(out) as GeoJSON.FeatureCollection).features
}

// GDAL's HTTP requests carry the test app's API token (GDAL_HTTP_HEADERS): set by startTestApp({ listen })
export { setGdalToken } from './auth'
