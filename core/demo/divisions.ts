// Binhai New Area's real streets and communities (NBS 2023 codes), and the hand-drawn generator
// inputs: the district outline and one anchor per street. See geodata/README.md.
import divisionsJson from '../../geodata/binhai-divisions.json'
import outlineJson from '../../geodata/binhai-outline.json'
import anchorsJson from '../../geodata/street-anchors.json'
import type { LngLat } from './local-plane'
import type { CommunityKind, StreetKind } from './types'

export interface DivisionStreet {
  code: string
  name: string
  kind: StreetKind
}

export interface DivisionCommunity {
  code: string
  name: string
  streetCode: string
  kind: CommunityKind
}

export const DISTRICT_CODE = '120116'
export const DISTRICT_NAME = '滨海新区'
export const PLANE_ORIGIN: LngLat = [117.65, 39.03]

export const divisionStreets = divisionsJson.streets as DivisionStreet[]
export const divisionCommunities = divisionsJson.communities as DivisionCommunity[]
export const outlineRing = outlineJson.ring as LngLat[]
export const streetAnchors = anchorsJson.anchors as unknown as Record<string, LngLat>
