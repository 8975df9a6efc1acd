// Dense integer keys per building for each level coverage rolls up to (district, street,
// community, grid, unit), with each key's code, name and the bbox of its buildings.
import type { StoreBuildings, StoreWorld } from './world'

export type Level = 'district' | 'street' | 'community' | 'grid' | 'unit'

/** One level's dense keys: key per building, and per key its code, name and bbox. */
export interface LevelKeys {
  of: Int32Array // key per building
  codes: string[]
  names: string[]
  kinds: (string | undefined)[]
  communityCodes: (string | undefined)[]
  streetCodes: (string | undefined)[]
  bbox: Float64Array // 4 per key: minLng, minLat, maxLng, maxLat (NaN when the key has no buildings)
}

interface KeyInfo {
  code: string
  name: string
  kind?: string
  communityCode?: string
  streetCode?: string
}

/** The keys of every level; `byId` lists the buildings in id order (keys the tables lack come in that order). */
export function levelKeysOf(world: StoreWorld, byId: Int32Array): Record<Level, LevelKeys> {
  const b = world.buildings
  const communityByCode = new Map(world.communities.map((c) => [c.code, c]))
  const communityCode = (i: number) => world.communities[b.community[i]].code
  return {
    district: levelKeys(b, byId, () => world.district.code, [{ code: world.district.code, name: world.district.name }]),
    street: levelKeys(
      b,
      byId,
      (i) => world.communities[b.community[i]].streetCode,
      world.streets.map((s) => ({ code: s.code, name: s.name, streetCode: s.code })),
    ),
    community: levelKeys(
      b,
      byId,
      communityCode,
      world.communities.map((c) => ({
        code: c.code,
        name: c.name,
        kind: c.kind,
        communityCode: c.code,
        streetCode: c.streetCode,
      })),
    ),
    grid: gridLevelKeys(world, byId),
    unit: levelKeys(
      b,
      byId,
      (i) => String(b.unitId[i]),
      world.units.map((u) => ({
        code: String(u.id),
        name: u.name,
        communityCode: u.communityCode,
        streetCode: communityByCode.get(u.communityCode)?.streetCode,
      })),
    ),
  }
}

/** The grid level alone (a grid edit changes only it): current grids, then 'unassigned'. */
export function gridLevelKeys(world: StoreWorld, byId: Int32Array): LevelKeys {
  const b = world.buildings
  const communityByCode = new Map(world.communities.map((c) => [c.code, c]))
  return levelKeys(b, byId, (i) => String(b.gridId[i]), [
    ...world.grids.map((g) => ({
      code: String(g.id),
      name: g.code,
      communityCode: g.communityCode,
      streetCode: communityByCode.get(g.communityCode)?.streetCode,
    })),
    { code: '0', name: 'unassigned' },
  ])
}

function levelKeys(b: StoreBuildings, byId: Int32Array, codeOf: (i: number) => string, infos: KeyInfo[]): LevelKeys {
  const n = b.id.length
  const index = new Map<string, number>()
  const keys: LevelKeys = {
    of: new Int32Array(n),
    codes: [],
    names: [],
    kinds: [],
    communityCodes: [],
    streetCodes: [],
    bbox: new Float64Array(0),
  }
  const add = (info: KeyInfo) => {
    index.set(info.code, keys.codes.length)
    keys.codes.push(info.code)
    keys.names.push(info.name)
    keys.kinds.push(info.kind)
    keys.communityCodes.push(info.communityCode)
    keys.streetCodes.push(info.streetCode)
  }
  for (const info of infos) add(info)
  for (const i of byId) {
    const code = codeOf(i)
    let k = index.get(code)
    if (k === undefined) {
      add({ code, name: code }) // a key the tables did not list (e.g. a retired grid)
      k = index.get(code)!
    }
    keys.of[i] = k
  }
  // bbox of each key's buildings (for fly-to and bbox filters)
  const bbox = new Float64Array(keys.codes.length * 4).fill(Number.NaN)
  for (let i = 0; i < n; i++) {
    const o = keys.of[i] * 4
    const lng = b.lng[i]
    const lat = b.lat[i]
    if (Number.isNaN(bbox[o])) {
      bbox[o] = bbox[o + 2] = lng
      bbox[o + 1] = bbox[o + 3] = lat
    } else {
      bbox[o] = Math.min(bbox[o], lng)
      bbox[o + 1] = Math.min(bbox[o + 1], lat)
      bbox[o + 2] = Math.max(bbox[o + 2], lng)
      bbox[o + 3] = Math.max(bbox[o + 3], lat)
    }
  }
  keys.bbox = bbox
  return keys
}
