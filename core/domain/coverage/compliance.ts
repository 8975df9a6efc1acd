// Facility compliance with the standards (docs/standards.md): resident activity share, floor area
// against the norm for the households served, and the service radius against its life-circle tier.

/** Walking radius per life-circle tier in metres [min, max] (GB 50180-2018; villages: township reach). */
export const TIER_RADIUS_RANGE_METERS: Readonly<Record<string, readonly [number, number]>> = {
  '5min': [0, 300],
  '10min': [0, 500],
  '15min': [800, 1000],
  village: [0, 1000],
}

export interface ComplianceInput {
  tier: string
  radiusMeters: number
  floorAreaM2: number | null
  activityAreaM2: number | null
  minActivityShare: number | null // null: the type has no activity rule
  floorAreaM2Per100Households: number | null // null: the type has no area norm
  servedHouseholds: number // households within the radius
  tierRadiusRange?: Readonly<Record<string, readonly [number, number]>> // default TIER_RADIUS_RANGE_METERS
}

export interface ComplianceResult {
  activityShare: number | null
  activityOk: boolean | null // null when the type has no rule
  floorAreaRequiredM2: number | null
  floorAreaOk: boolean | null
  radiusRangeM: [number, number]
  radiusOk: boolean
  compliant: boolean
  problems: string[] // 'activity-share' | 'floor-area' | 'radius' | 'missing-area'
}

/** Checks one facility; a rule the type has but whose areas are unknown fails as 'missing-area'. */
export function checkCompliance(input: ComplianceInput): ComplianceResult {
  if (!(input.radiusMeters > 0)) throw new Error(`invalid radiusMeters: ${input.radiusMeters}`)
  if (!(input.servedHouseholds >= 0)) throw new Error(`invalid servedHouseholds: ${input.servedHouseholds}`)
  const ranges = input.tierRadiusRange ?? TIER_RADIUS_RANGE_METERS
  const range = ranges[input.tier]
  if (!range) throw new Error(`unknown tier: ${input.tier}`)
  const problems: string[] = []
  const { floorAreaM2, activityAreaM2 } = input
  // activity share: activity / floor area >= the type's minimum
  const activityShare =
    floorAreaM2 !== null && activityAreaM2 !== null && floorAreaM2 > 0 ? activityAreaM2 / floorAreaM2 : null
  let activityOk: boolean | null = null
  if (input.minActivityShare !== null) {
    activityOk = activityShare !== null && activityShare >= input.minActivityShare - 1e-9
    if (activityShare === null) problems.push('missing-area')
    else if (!activityOk) problems.push('activity-share')
  }
  // floor area: norm per 100 households served
  let floorAreaRequiredM2: number | null = null
  let floorAreaOk: boolean | null = null
  if (input.floorAreaM2Per100Households !== null) {
    floorAreaRequiredM2 = (input.floorAreaM2Per100Households * input.servedHouseholds) / 100
    floorAreaOk = floorAreaM2 !== null && floorAreaM2 >= floorAreaRequiredM2 - 1e-9
    if (floorAreaM2 === null) {
      if (!problems.includes('missing-area')) problems.push('missing-area')
    } else if (!floorAreaOk) problems.push('floor-area')
  }
  // radius against the tier's walking range
  const radiusOk = input.radiusMeters >= range[0] && input.radiusMeters <= range[1]
  if (!radiusOk) problems.push('radius')
  return {
    activityShare,
    activityOk,
    floorAreaRequiredM2,
    floorAreaOk,
    radiusRangeM: [range[0], range[1]],
    radiusOk,
    compliant: problems.length === 0,
    problems,
  }
}
