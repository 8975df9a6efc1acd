// The coordinate reference systems data arrives in and leaves in, and the transforms between
// them and the stored lng/lat (EPSG:4326; CGCS2000, EPSG:4490, agrees with it to centimetres).
//   - geographic: WGS84 (EPSG:4326, also OGC CRS84) and CGCS2000 (EPSG:4490);
//   - projected: Web Mercator (EPSG:3857) and the CGCS2000 3-degree Gauss-Krüger zones, with the
//     zone number prefixed to the easting (EPSG:4513–4533, zones 25–45) and without (EPSG:4534–4554,
//     central meridians 75°E–135°E);
//   - offset: GCJ-02 (AMap/Gaode, DataV) and BD-09 (Baidu), which no file can declare: the user does.
import proj4 from 'proj4'
import { bd09ToGcj02, gcj02ToBd09 } from './bd09'
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02'

export type LngLat = [number, number]

export interface CrsInfo {
  /** canonical code: `EPSG:4548`, or `GCJ-02` / `BD-09` for the offset systems */
  code: string
  nameEn: string
  nameZh: string
  kind: 'geographic' | 'projected' | 'offset'
  /** the OGC URI (OGC API – Features Part 2), null for the offset systems that have none */
  uri: string | null
  /** coordinates are metres (x easting, y northing) rather than degrees */
  metric: boolean
}

const GEOGRAPHIC = '+proj=longlat +ellps=GRS80 +no_defs'
const FIRST_PREFIXED_GK = 4513 // zone 25 (75°E) with the zone number before the easting
const FIRST_PLAIN_GK = 4534 // central meridian 75°E, easting false 500 km
const GK_ZONES = 21 // zones 25–45, 75°E–135°E

/** The Gauss-Krüger zone of an EPSG code in 4513–4554, or null for any other code. */
export function gaussKrugerZone(epsg: number): { zone: number; centralMeridian: number; prefixed: boolean } | null {
  const prefixed = epsg >= FIRST_PREFIXED_GK && epsg < FIRST_PREFIXED_GK + GK_ZONES
  const plain = epsg >= FIRST_PLAIN_GK && epsg < FIRST_PLAIN_GK + GK_ZONES
  if (!prefixed && !plain) return null
  const zone = 25 + epsg - (prefixed ? FIRST_PREFIXED_GK : FIRST_PLAIN_GK)
  return { zone, centralMeridian: zone * 3, prefixed }
}

/** The EPSG code of a CGCS2000 3-degree zone by central meridian (°E), with or without prefix. */
export function gaussKrugerCode(centralMeridian: number, prefixed: boolean): number | null {
  const zone = centralMeridian / 3
  if (!Number.isInteger(zone) || zone < 25 || zone > 45) return null
  return (prefixed ? FIRST_PREFIXED_GK : FIRST_PLAIN_GK) + zone - 25
}

function gaussKrugerProj4(epsg: number): string | null {
  const gk = gaussKrugerZone(epsg)
  if (!gk) return null
  const falseEasting = gk.prefixed ? gk.zone * 1_000_000 + 500_000 : 500_000
  return `+proj=tmerc +lat_0=0 +lon_0=${gk.centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`
}

const epsgUri = (n: number) => `http://www.opengis.net/def/crs/EPSG/0/${n}`

/** What a code names; throws with the code when it names nothing we read. */
export function crsInfo(code: string): CrsInfo {
  if (code === 'GCJ-02')
    return {
      code,
      nameEn: 'GCJ-02 (AMap, Gaode)',
      nameZh: 'GCJ-02 火星坐标（高德）',
      kind: 'offset',
      uri: null,
      metric: false,
    }
  if (code === 'BD-09')
    return { code, nameEn: 'BD-09 (Baidu)', nameZh: 'BD-09 百度坐标', kind: 'offset', uri: null, metric: false }
  const n = Number(/^EPSG:(\d+)$/.exec(code)?.[1])
  if (n === 4326)
    return { code, nameEn: 'WGS 84', nameZh: 'WGS84 经纬度', kind: 'geographic', uri: epsgUri(n), metric: false }
  if (n === 4490)
    return { code, nameEn: 'CGCS2000', nameZh: 'CGCS2000 经纬度', kind: 'geographic', uri: epsgUri(n), metric: false }
  if (n === 3857)
    return { code, nameEn: 'Web Mercator', nameZh: 'Web 墨卡托', kind: 'projected', uri: epsgUri(n), metric: true }
  const gk = gaussKrugerZone(n)
  if (gk) {
    const which = gk.prefixed ? `zone ${gk.zone}` : `CM ${gk.centralMeridian}E`
    const whichZh = gk.prefixed ? `${gk.zone} 带（带号）` : `中央经线 ${gk.centralMeridian}°E`
    return {
      code,
      nameEn: `CGCS2000 / 3-degree Gauss-Kruger ${which}`,
      nameZh: `CGCS2000 高斯-克吕格 3 度带 ${whichZh}`,
      kind: 'projected',
      uri: epsgUri(n),
      metric: true,
    }
  }
  throw new Error(
    `unsupported CRS "${code}": use EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4513–4554 (CGCS2000 Gauss-Krüger), GCJ-02 or BD-09`,
  )
}

/**
 * Reads a CRS as users and clients write it: `EPSG:4548`, `4548`, `epsg:4548`, the OGC URI or URN
 * (`http://www.opengis.net/def/crs/EPSG/0/4548`, `urn:ogc:def:crs:EPSG::4548`), `CRS84`, `CGCS2000`,
 * `WGS84`, `GCJ-02`/`gcj02`/`AMap`, `BD-09`/`bd09`/`Baidu`. Throws naming what it could not read.
 */
export function parseCrs(text: string): CrsInfo {
  const t = text.trim()
  const lower = t.toLowerCase().replace(/[\s_]/g, '')
  if (['gcj-02', 'gcj02', 'amap', 'gaode', '火星坐标'].includes(lower)) return crsInfo('GCJ-02')
  if (['bd-09', 'bd09', 'bd09ll', 'baidu', '百度坐标'].includes(lower)) return crsInfo('BD-09')
  if (
    [
      'wgs84',
      'wgs-84',
      'crs84',
      'http://www.opengis.net/def/crs/ogc/1.3/crs84',
      'urn:ogc:def:crs:ogc:1.3:crs84',
    ].includes(lower)
  )
    return crsInfo('EPSG:4326')
  if (['cgcs2000', 'cgcs-2000'].includes(lower)) return crsInfo('EPSG:4490')
  const m =
    /^(?:epsg:)?(\d{4,5})$/.exec(lower) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[^/]+\/(\d+)$/.exec(lower) ??
    /^urn:ogc:def:crs:epsg:[^:]*:(\d+)$/.exec(lower)
  if (!m) throw new Error(`unreadable CRS "${text}": write it as EPSG:NNNN, an OGC CRS URI, GCJ-02 or BD-09`)
  return crsInfo(`EPSG:${Number(m[1])}`)
}

/** Proj4 definition of a code that proj4 can transform (not the offset systems). */
function proj4Definition(code: string): string {
  if (code === 'EPSG:4326' || code === 'EPSG:4490') return GEOGRAPHIC
  if (code === 'EPSG:3857') return proj4.defs('EPSG:3857') as unknown as string
  const gk = gaussKrugerProj4(Number(code.slice(5)))
  if (gk) return gk
  throw new Error(`no projection for ${code}`)
}

export interface CrsTransform {
  /** source coordinates → WGS84 [lng, lat] */
  toWgs84(p: readonly [number, number]): LngLat
  /** WGS84 [lng, lat] → source coordinates */
  fromWgs84(p: readonly [number, number]): LngLat
}

const identity: CrsTransform = { toWgs84: (p) => [p[0], p[1]], fromWgs84: (p) => [p[0], p[1]] }

/** The transform between a CRS and the stored WGS84 lng/lat (CGCS2000 geographic: identity). */
export function crsTransform(code: string): CrsTransform {
  const info = crsInfo(code)
  if (info.code === 'EPSG:4326' || info.code === 'EPSG:4490') return identity
  if (info.code === 'GCJ-02') return { toWgs84: gcj02ToWgs84, fromWgs84: wgs84ToGcj02 }
  if (info.code === 'BD-09')
    return {
      toWgs84: (p) => gcj02ToWgs84(bd09ToGcj02(p)),
      fromWgs84: (p) => gcj02ToBd09(wgs84ToGcj02(p)),
    }
  const converter = proj4(GEOGRAPHIC, proj4Definition(info.code))
  return {
    toWgs84: (p) => {
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error(`invalid ${info.code} point: ${p}`)
      const [lng, lat] = converter.inverse([p[0], p[1]])
      return [lng, lat]
    },
    fromWgs84: (p) => {
      const [x, y] = converter.forward([p[0], p[1]])
      return [x, y]
    },
  }
}

/** Every CRS Wangge reads and writes, for pickers: geographic, offset, then projected. */
export function supportedCrs(): CrsInfo[] {
  const codes = ['EPSG:4326', 'EPSG:4490', 'GCJ-02', 'BD-09', 'EPSG:3857']
  for (let i = 0; i < GK_ZONES; i++) codes.push(`EPSG:${FIRST_PLAIN_GK + i}`)
  for (let i = 0; i < GK_ZONES; i++) codes.push(`EPSG:${FIRST_PREFIXED_GK + i}`)
  return codes.map(crsInfo)
}
