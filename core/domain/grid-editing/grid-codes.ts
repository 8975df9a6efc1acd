// Grid codes across an edit (docs/glossary.md 网格编码). Grid staff (网格员) assignments hang on a
// grid's code, so an edit keeps codes where it can:
// - a split keeps the code on the part with the most households (or the part the planner picks);
//   the other part gets the next free code;
// - a merge keeps the code of the larger grid; the smaller grid's code is retired;
// - a revert restores the codes of the grids it brings back instead of using up new ones;
// - codes never used before in the community are numbered after the highest ever used, in
//   reading order (core/domain/grid-code.ts), so a retired code is never given to a new area.
// Pure: the server assigns with it inside the edit's transaction, the editor previews with it.
import { gridCode, numberGrids } from '../grid-code'

export interface CodeInput {
  communityCode: string
  /** grids the edit creates (replay keys), with their households after the edit and lineage */
  created: { key: number; households: number; parentIds: number[]; centroid: readonly [number, number] }[]
  /** existing grids the edit retires, with their households before it */
  retired: { id: number; code: string; households: number }[]
  /** codes of the grids that stay as they are */
  keptCodes: readonly string[]
  /** the planner's pick: retired grid id → the created key to carry its code */
  preferred?: ReadonlyMap<number, number>
  /** a revert: created key → the code of the grid it brings back */
  restore?: ReadonlyMap<number, string>
  /** the highest sequence (last 3 digits) ever used in the community, retired grids included */
  maxSequence: number
}

export interface CodePlan {
  /** created key → its code */
  codes: Map<number, string>
  /** created key → the retired grid whose code it carries on (absent: a new or restored code) */
  inheritedFrom: Map<number, number>
  /** codes that end with this edit, sorted */
  retiredCodes: string[]
  /** codes that start with this edit (new, or restored by a revert), sorted */
  createdCodes: string[]
}

export class GridCodesExhausted extends Error {
  constructor(communityCode: string) {
    super(`community ${communityCode} has no grid sequence numbers left (001–999 all used)`)
    this.name = 'GridCodesExhausted'
  }
}

export function assignGridCodes(input: CodeInput): CodePlan {
  const taken = new Set(input.keptCodes)
  const codes = new Map<number, string>()
  const inheritedFrom = new Map<number, number>()
  const createdKeys = new Set(input.created.map((c) => c.key))
  // 1. a revert brings its grids' codes back (unless a grid that stays holds one)
  for (const [key, code] of input.restore ?? []) {
    if (!createdKeys.has(key) || taken.has(code) || codes.has(key)) continue
    codes.set(key, code)
    taken.add(code)
  }
  // 2. each retired grid, larger first, passes its code to a part of it: the planner's pick or the largest
  const retired = [...input.retired].sort((a, b) => b.households - a.households || a.id - b.id)
  for (const parent of retired) {
    if (taken.has(parent.code)) continue
    const parts = input.created.filter((c) => !codes.has(c.key) && c.parentIds.includes(parent.id))
    if (parts.length === 0) continue
    const pick = input.preferred?.get(parent.id)
    const heir =
      parts.find((c) => c.key === pick) ?? parts.sort((a, b) => b.households - a.households || a.key - b.key)[0]
    codes.set(heir.key, parent.code)
    inheritedFrom.set(heir.key, parent.id)
    taken.add(parent.code)
  }
  // 3. the rest: the next free codes, after the highest ever used, in reading order
  const rest = input.created.filter((c) => !codes.has(c.key))
  const order = numberGrids(rest.map((c) => c.centroid))
  if (input.maxSequence + rest.length > 999) throw new GridCodesExhausted(input.communityCode)
  rest.forEach((c, i) => {
    codes.set(c.key, gridCode(input.communityCode, input.maxSequence + order[i]))
  })
  const assigned = new Set(codes.values())
  const before = new Set(input.retired.map((r) => r.code))
  return {
    codes,
    inheritedFrom,
    retiredCodes: [...before].filter((code) => !assigned.has(code)).sort(),
    createdCodes: [...assigned].filter((code) => !before.has(code)).sort(),
  }
}
