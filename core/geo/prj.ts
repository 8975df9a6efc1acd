// Which CRS a shapefile's .prj (WKT 1 in its Esri or OGC dialect, or WKT 2) describes.
//   1. parse the WKT into a tree of KEYWORD[values…];
//   2. an EPSG authority on the CRS itself decides, when it names a CRS we read;
//   3. otherwise recognise it by content: datum (CGCS2000 or WGS 84), then for a projected CRS
//      Web Mercator, or transverse Mercator / Gauss-Krüger with scale 1 and a central meridian and
//      false easting of a CGCS2000 3-degree zone.
// Anything else (Beijing 1954, Xi'an 1980, a local grid) is not guessed: the caller asks the user.
import { type CrsInfo, crsInfo, gaussKrugerCode } from './crs'

export interface WktNode {
  keyword: string
  values: (string | number | WktNode)[]
}

/** Parses WKT (either bracket style) into a tree; throws with the offset of the first error. */
export function parseWkt(text: string): WktNode {
  let i = 0
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++
  }
  const fail = (what: string): never => {
    throw new Error(`invalid WKT at character ${i}: ${what}`)
  }
  const node = (): WktNode => {
    skip()
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))
    if (!m) return fail('expected a keyword')
    i += m[0].length
    skip()
    const open = text[i]
    if (open !== '[' && open !== '(') return fail(`expected "[" after ${m[0]}`)
    const close = open === '[' ? ']' : ')'
    i++
    const values: WktNode['values'] = []
    for (;;) {
      skip()
      const c = text[i]
      if (c === undefined) return fail(`unclosed ${m[0]}`)
      if (c === '"') {
        // a quoted string; "" stands for one quote
        let s = ''
        i++
        for (;;) {
          if (i >= text.length) return fail('unclosed string')
          if (text[i] === '"' && text[i + 1] === '"') {
            s += '"'
            i += 2
          } else if (text[i] === '"') {
            i++
            break
          } else s += text[i++]
        }
        values.push(s)
      } else if (/[-+.\d]/.test(c)) {
        const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i))
        if (!num) return fail('bad number')
        values.push(Number(num[0]))
        i += num[0].length
      } else if (/[A-Za-z_]/.test(c)) {
        // a nested node, or a bare enumeration word (WKT 2 axis directions such as `east`)
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0]
        const after = text.slice(i + word.length).trimStart()[0]
        if (after === '[' || after === '(') values.push(node())
        else {
          values.push(word)
          i += word.length
        }
      } else return fail(`unexpected "${c}"`)
      skip()
      if (text[i] === ',') i++
      else if (text[i] === close) {
        i++
        return { keyword: m[0].toUpperCase(), values }
      } else return fail(`expected "," or "${close}"`)
    }
  }
  const root = node()
  skip()
  if (i < text.length) fail('text after the end of the WKT')
  return root
}

const children = (n: WktNode) => n.values.filter((v): v is WktNode => typeof v === 'object')
const child = (n: WktNode, ...keywords: string[]) => children(n).find((c) => keywords.includes(c.keyword))
const nameOf = (n: WktNode | undefined) => (n && typeof n.values[0] === 'string' ? n.values[0] : '')
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** The EPSG code an AUTHORITY[…] or ID[…] directly on this node gives, if any. */
function ownEpsg(n: WktNode): number | null {
  const id = child(n, 'AUTHORITY', 'ID')
  if (!id || String(id.values[0]).toUpperCase() !== 'EPSG') return null
  const code = Number(id.values[1])
  return Number.isInteger(code) ? code : null
}

function datumOf(geog: WktNode | undefined): 'cgcs2000' | 'wgs84' | null {
  const datum = geog && child(geog, 'DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE')
  const name = squash(nameOf(datum))
  if (['china2000', 'dchina2000', 'chinageodeticcoordinatesystem2000', 'cgcs2000'].includes(name)) return 'cgcs2000'
  if (
    name.startsWith('dwgs1984') ||
    name.startsWith('wgs1984') ||
    name.startsWith('worldgeodeticsystem1984') ||
    name === 'wgs84'
  )
    return 'wgs84'
  return null
}

/** PARAMETER values by squashed name (Esri, OGC and WKT 2 spellings alike). */
function parameters(n: WktNode): Map<string, number> {
  const scope = child(n, 'CONVERSION') ?? n
  const out = new Map<string, number>()
  for (const p of children(scope))
    if (p.keyword === 'PARAMETER' && typeof p.values[1] === 'number') out.set(squash(nameOf(p)), p.values[1])
  return out
}

export interface PrjReading {
  crs: CrsInfo | null
  /** what was recognised, or why nothing was: shown to the user beside the CRS picker */
  reason: string
}

/** The CRS of a .prj, or null with the reason when it is not one Wangge can read by itself. */
export function crsFromPrj(wkt: string): PrjReading {
  let root: WktNode
  try {
    root = parseWkt(wkt.replace(/^\uFEFF/, ''))
  } catch (err) {
    return { crs: null, reason: `the .prj is not readable WKT (${(err as Error).message})` }
  }
  const own = ownEpsg(root)
  if (own !== null) {
    try {
      return { crs: crsInfo(`EPSG:${own}`), reason: `EPSG:${own} named in the .prj` }
    } catch {
      return {
        crs: null,
        reason: `EPSG:${own} (${nameOf(root)}) is not a CRS Wangge converts: reproject it or declare another`,
      }
    }
  }
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword)
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEOGRAPHICCRS', 'GEODCRS'].includes(root.keyword)
  const geog = projected ? child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS') : root
  const datum = datumOf(geog)
  const unknown = (why: string): PrjReading => ({ crs: null, reason: `${nameOf(root) || root.keyword}: ${why}` })
  if (!projected && !geographic) return unknown(`a ${root.keyword} is not a horizontal CRS`)
  if (!datum)
    return unknown(`datum "${nameOf(child(geog ?? root, 'DATUM'))}" is neither CGCS2000 nor WGS 84; declare the CRS`)
  if (geographic) {
    const code = datum === 'cgcs2000' ? 'EPSG:4490' : 'EPSG:4326'
    return { crs: crsInfo(code), reason: `${nameOf(root)}: geographic ${datum === 'cgcs2000' ? 'CGCS2000' : 'WGS 84'}` }
  }
  const method = squash(nameOf(child(root, 'PROJECTION')) || nameOf(child(child(root, 'CONVERSION') ?? root, 'METHOD')))
  const name = squash(nameOf(root))
  if (method.includes('auxiliarysphere') || method.includes('pseudomercator') || name.includes('webmercator'))
    return { crs: crsInfo('EPSG:3857'), reason: `${nameOf(root)}: Web Mercator` }
  if (!['gausskruger', 'transversemercator'].includes(method)) return unknown(`projection "${method}" is not read`)
  if (datum !== 'cgcs2000') return unknown('a transverse Mercator on WGS 84 is not a CGCS2000 zone; declare the CRS')
  const p = parameters(root)
  const cm = p.get('centralmeridian') ?? p.get('longitudeofnaturalorigin')
  const k = p.get('scalefactor') ?? p.get('scalefactoratnaturalorigin') ?? 1
  const fe = p.get('falseeasting') ?? 0
  const lat0 = p.get('latitudeoforigin') ?? p.get('latitudeofnaturalorigin') ?? 0
  if (cm === undefined || k !== 1 || lat0 !== 0)
    return unknown('not a 3-degree Gauss-Krüger zone (scale 1, origin on the equator)')
  const prefixed = fe === (cm / 3) * 1_000_000 + 500_000
  const code = fe === 500_000 || prefixed ? gaussKrugerCode(cm, prefixed) : null
  if (code === null)
    return unknown(`central meridian ${cm}°E with false easting ${fe} m is not a CGCS2000 3-degree zone`)
  return { crs: crsInfo(`EPSG:${code}`), reason: `${nameOf(root)}: CGCS2000 3-degree Gauss-Krüger, CM ${cm}°E` }
}
