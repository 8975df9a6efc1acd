// Well-known text geometries in a CSV or XLSX column: POINT, POLYGON, MULTIPOLYGON (and their
// MULTI/LINE cousins), as GeoJSON in the file's own coordinates. An optional `SRID=n;` is skipped.

type Pos = number[]

export function parseWktGeometry(text: string): GeoJSON.Geometry {
  const src = text.trim().replace(/^SRID=\d+;/i, '')
  const m = /^([A-Za-z]+)\s*(?:Z|M|ZM)?\s*(\(.*\))$/s.exec(src)
  if (!m) throw new Error(`not WKT: "${src.slice(0, 40)}"`)
  const kind = m[1].toUpperCase()
  const nested = parseNested(m[2])
  const pos = (v: unknown): Pos => {
    if (!Array.isArray(v) || v.length < 2 || v.some((n) => typeof n !== 'number'))
      throw new Error('a WKT position needs two numbers')
    return v as Pos
  }
  const list = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new Error('malformed WKT')
    return v
  }
  switch (kind) {
    case 'POINT':
      return { type: 'Point', coordinates: pos(list(nested)[0]) }
    case 'MULTIPOINT':
      return {
        type: 'MultiPoint',
        coordinates: list(nested).map((p) => pos(Array.isArray(list(p)[0]) ? list(p)[0] : p)),
      }
    case 'LINESTRING':
      return { type: 'LineString', coordinates: list(nested).map(pos) }
    case 'POLYGON':
      return { type: 'Polygon', coordinates: list(nested).map((r) => list(r).map(pos)) }
    case 'MULTIPOLYGON':
      return { type: 'MultiPolygon', coordinates: list(nested).map((p) => list(p).map((r) => list(r).map(pos))) }
    default:
      throw new Error(`WKT ${kind} is not read: use POINT, POLYGON or MULTIPOLYGON`)
  }
}

/** "((1 2, 3 4), (5 6))" → [[[1,2],[3,4]],[[5,6]]]: parentheses are lists, "x y" a position. */
function parseNested(text: string): unknown {
  let i = 0
  const read = (): unknown[] => {
    if (text[i] !== '(') throw new Error('malformed WKT: "(" expected')
    i++
    const out: unknown[] = []
    let token = ''
    const flush = () => {
      const t = token.trim()
      if (t) out.push(t.split(/\s+/).map(Number))
      token = ''
    }
    while (i < text.length) {
      const c = text[i]
      if (c === '(') out.push(read())
      else if (c === ')') {
        flush()
        i++
        return out
      } else if (c === ',') {
        flush()
        i++
      } else {
        token += c
        i++
      }
    }
    throw new Error('malformed WKT: unbalanced parentheses')
  }
  const out = read()
  if (text.slice(i).trim()) throw new Error('malformed WKT: text after the geometry')
  if (JSON.stringify(out).includes('null')) throw new Error('malformed WKT: a coordinate is not a number')
  return out
}
