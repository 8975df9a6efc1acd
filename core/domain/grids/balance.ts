// Household balance of grids against the band target ± tolerance.
import { fail } from './errors'
import { gridMembers, indexGraph, validateAssignment } from './graph-index'
import type { Assignment, GridSettings, UnitGraph } from './types'

export interface HouseholdBand {
  minHouseholds: number
  maxHouseholds: number
}

export interface GridTotals {
  grid: number
  households: number
  residents: number
  units: number
  /** (households − target) / target */
  deviation: number
  inBand: boolean
}

/** Reject settings that make no band; return the band in households. */
export function validateSettings(settings: GridSettings): HouseholdBand {
  const { targetHouseholds, tolerance } = settings ?? ({} as GridSettings)
  if (!Number.isFinite(targetHouseholds) || targetHouseholds <= 0)
    fail('INVALID_SETTINGS', `targetHouseholds must be a positive number, got ${targetHouseholds}`)
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance >= 1)
    fail('INVALID_SETTINGS', `tolerance must be a fraction in [0, 1), got ${tolerance}`)
  return householdBand(settings)
}

export function householdBand({ targetHouseholds, tolerance }: GridSettings): HouseholdBand {
  return {
    minHouseholds: targetHouseholds - tolerance * targetHouseholds,
    maxHouseholds: targetHouseholds + tolerance * targetHouseholds,
  }
}

/** (households − target) / target */
export function deviation(households: number, settings: GridSettings): number {
  return (households - settings.targetHouseholds) / settings.targetHouseholds
}

/** Within target ± tolerance, inclusive (with a rounding allowance of 1e-9 households). */
export function isInBand(households: number, settings: GridSettings): boolean {
  return Math.abs(households - settings.targetHouseholds) <= settings.tolerance * settings.targetHouseholds + 1e-9
}

/** Households outside the band (0 when in band). */
export function bandExcess(households: number, settings: GridSettings): number {
  const slack = settings.tolerance * settings.targetHouseholds
  return Math.max(0, Math.abs(households - settings.targetHouseholds) - slack)
}

export function totalsOf(
  grid: number,
  households: number,
  residents: number,
  units: number,
  settings: GridSettings,
): GridTotals {
  return {
    grid,
    households,
    residents,
    units,
    deviation: deviation(households, settings),
    inBand: isInBand(households, settings),
  }
}

/** Totals of every grid present in the assignment, in ascending grid key order. */
export function gridTotals(graph: UnitGraph, assignment: Assignment, settings: GridSettings): GridTotals[] {
  validateSettings(settings)
  const index = indexGraph(graph)
  validateAssignment(index, assignment)
  const out: GridTotals[] = []
  // one pass per grid over its members
  for (const [grid, units] of gridMembers(assignment)) {
    let h = 0
    let r = 0
    for (const u of units) {
      h += index.households[u]
      r += index.residents[u]
    }
    out.push(totalsOf(grid, h, r, units.length, settings))
  }
  return out
}
