// Buildings of a unit: high-rise and mid-rise blocks (30–200 households) in a compound, mid- and
// low-rise blocks in a courtyard, farmhouses (1–4 households) in a village group; each placed at a
// random point strictly inside the unit, at least 2 m from its edge when the unit allows.
import type { XY } from './local-plane'
import type { Parts } from './planar-polygon'
import type { Random } from './random'
import { randomPointInside } from './sample-points'
import { splitInteger } from './split-integer'
import type { BuildingKind, UnitKind } from './types'

export interface BuildingPlan {
  kind: BuildingKind
  floors: number
  households: number
  xy: XY
}

const EDGE_MARGIN_M = 2

// Mean households per building and the kind of building, by unit kind.
function buildingShape(unitKind: UnitKind, rng: Random): { kind: BuildingKind; meanHouseholds: number } {
  if (unitKind === 'village_group') return { kind: 'farmhouse', meanHouseholds: 2.5 }
  if (unitKind === 'compound')
    return rng.chance(0.7) ? { kind: 'highrise', meanHouseholds: 110 } : { kind: 'midrise', meanHouseholds: 50 }
  return rng.chance(0.6) ? { kind: 'midrise', meanHouseholds: 45 } : { kind: 'lowrise', meanHouseholds: 24 }
}

function floorsOf(kind: BuildingKind, rng: Random): number {
  if (kind === 'highrise') return rng.int(12, 33)
  if (kind === 'midrise') return rng.int(6, 11)
  if (kind === 'lowrise') return rng.int(3, 5)
  return rng.int(1, 2)
}

export function placeBuildings(unitParts: Parts, unitKind: UnitKind, households: number, rng: Random): BuildingPlan[] {
  if (!Number.isInteger(households) || households < 1)
    throw new Error(`a unit needs a positive integer of households, got ${households}`)
  const { kind, meanHouseholds } = buildingShape(unitKind, rng)
  // the number of buildings, then households per building
  const count = Math.max(1, Math.round(households / (meanHouseholds * rng.range(0.8, 1.25))))
  const weights = Array.from({ length: count }, () => rng.range(0.6, 1.4))
  const parts = splitInteger(households, weights, 1)
  return parts.map((h) => ({
    kind,
    floors: floorsOf(kind, rng),
    households: h,
    xy: randomPointInside(unitParts, rng, EDGE_MARGIN_M),
  }))
}
