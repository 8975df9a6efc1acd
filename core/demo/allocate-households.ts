// Households per community: lognormal sizes, urban communities ~4× a village, scaled so the
// district totals `totalHouseholds` (urban share 90% in Binhai; the city's districts pass their own). Every community keeps at least a few.

import type { Random } from './random'
import { splitInteger } from './split-integer'
import type { CommunityKind } from './types'

export const URBAN_HOUSEHOLD_SHARE = 0.9
export const MIN_COMMUNITY_HOUSEHOLDS = 5

export function allocateHouseholds(
  communities: readonly { kind: CommunityKind }[],
  totalHouseholds: number,
  rng: Random,
  urbanShare: number = URBAN_HOUSEHOLD_SHARE,
): number[] {
  if (!Number.isInteger(totalHouseholds) || totalHouseholds < 1)
    throw new Error(`totalHouseholds must be a positive integer, got ${totalHouseholds}`)
  // lognormal weights: σ 0.45 for urban communities, 0.5 for villages
  const weights = communities.map((c) => Math.exp((c.kind === 'urban' ? 0.45 : 0.5) * rng.normal()))
  const out = new Array<number>(communities.length).fill(0)
  for (const kind of ['urban', 'rural'] as const) {
    const idx = communities.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0)
    if (idx.length === 0) continue
    // a district of one kind only (the city centre's are all 社区) gets all of it
    const other = communities.some((c) => c.kind !== kind)
    const share = !other ? 1 : kind === 'urban' ? urbanShare : 1 - urbanShare
    const total = Math.round(totalHouseholds * share)
    const parts = splitInteger(
      total,
      idx.map((i) => weights[i]),
      MIN_COMMUNITY_HOUSEHOLDS,
    )
    idx.forEach((i, k) => {
      out[i] = Math.max(MIN_COMMUNITY_HOUSEHOLDS, parts[k])
    })
  }
  return out
}
