// Shared pieces of the HTTP contract: paging, bbox, feature types, errors (GeoJSON schemas: geojson.ts).
import { type Static, Type } from 'typebox'
import { errorCodeList } from './errors'

export const MAX_LIMIT = 5000
export const DEFAULT_LIMIT = 1000

/** `minLng,minLat,maxLng,maxLat` in EPSG:4326 degrees */
export const BboxParam = Type.String({
  description: 'minLng,minLat,maxLng,maxLat (EPSG:4326 degrees), e.g. 117.6,38.9,117.8,39.1',
  examples: ['117.6,38.9,117.8,39.1'],
})

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}

export const StreetCode = Type.String({ pattern: '^[0-9]{9}$', description: '9-digit NBS street/town code' })
export const CommunityCode = Type.String({ pattern: '^[0-9]{12}$', description: '12-digit NBS community/village code' })
export const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '15-digit grid code' })
export const IntId = Type.Integer({ minimum: 1, maximum: 2147483647 })

/** The RFC 9457 members of every error answer (media type application/problem+json). */
export const ProblemMembers = {
  type: Type.String({ description: 'the kind of problem: urn:wangge:problem:<code>, one per error code' }),
  title: Type.String({ description: 'what this kind of problem means (the same for every occurrence)' }),
  status: Type.Integer({ description: 'the HTTP status' }),
  detail: Type.String({ description: 'what was wrong this time, naming the bad parameter or value' }),
  instance: Type.String({ description: 'the path of the request that failed' }),
}

export const ErrorBody = Type.Object(
  {
    ...ProblemMembers,
    statusCode: Type.Integer({ description: 'the HTTP status (kept for clients written before RFC 9457)' }),
    code: Type.String({ description: `named error code (core/api/errors.ts): ${errorCodeList()}` }),
    error: Type.String({ description: 'the HTTP status text' }),
    message: Type.String({ description: 'the same as detail (kept for clients written before RFC 9457)' }),
    details: Type.Optional(
      Type.Unknown({ description: 'what the client needs to recover, e.g. the changes saved since (409)' }),
    ),
  },
  { title: 'Problem', description: 'An RFC 9457 problem, with the error code as an extension member' },
)
export type ErrorBody = Static<typeof ErrorBody>

export interface Feature<P, G = GeoJSON.Geometry> {
  type: 'Feature'
  id: string | number
  geometry: G
  properties: P
}

export interface FeaturePage<P, G = GeoJSON.Geometry> {
  type: 'FeatureCollection'
  features: Feature<P, G>[]
  total: number
  limit: number
  offset: number
}

export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/** Parses and checks a bbox parameter; returns an error message naming the bad value instead of throwing. */
export function parseBbox(text: string): { bbox: Bbox } | { error: string } {
  const parts = text.split(',')
  if (parts.length !== 4) return { error: `bbox must be 4 comma-separated numbers, got "${text}"` }
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  const bad = parts.find((_, i) => !Number.isFinite(nums[i]))
  if (bad !== undefined) return { error: `bbox has a value that is not a number: "${bad}"` }
  const [minLng, minLat, maxLng, maxLat] = nums
  if (minLng < -180 || maxLng > 180) return { error: `bbox longitude out of [-180, 180]: "${text}"` }
  if (minLat < -90 || maxLat > 90) return { error: `bbox latitude out of [-90, 90]: "${text}"` }
  if (minLng >= maxLng || minLat >= maxLat)
    return { error: `bbox min must be below max (minLng,minLat,maxLng,maxLat): "${text}"` }
  return { bbox: [minLng, minLat, maxLng, maxLat] }
}
