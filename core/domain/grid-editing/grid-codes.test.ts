import { describe, expect, it } from 'vitest'
import { assignGridCodes, type CodeInput, GridCodesExhausted } from './grid-codes'

const C = '120116001001'
const code = (seq: number) => C + String(seq).padStart(3, '0')
const base = (over: Partial<CodeInput>): CodeInput => ({
  communityCode: C,
  created: [],
  retired: [],
  keptCodes: [code(1), code(2)],
  maxSequence: 7,
  ...over,
})

describe('grid codes across an edit', () => {
  it('a split keeps the code on the part with most households; the other part gets the next free code', () => {
    const plan = assignGridCodes(
      base({
        retired: [{ id: 3, code: code(3), households: 500 }],
        created: [
          { key: 10, households: 180, parentIds: [3], centroid: [117.1, 39.1] },
          { key: 11, households: 320, parentIds: [3], centroid: [117.2, 39.1] },
        ],
      }),
    )
    expect(plan.codes.get(11)).toBe(code(3))
    expect(plan.codes.get(10)).toBe(code(8))
    expect(plan.inheritedFrom).toEqual(new Map([[11, 3]]))
    expect(plan.retiredCodes).toEqual([])
    expect(plan.createdCodes).toEqual([code(8)])
  })

  it('the planner may give the code to the other part', () => {
    const plan = assignGridCodes(
      base({
        retired: [{ id: 3, code: code(3), households: 500 }],
        created: [
          { key: 10, households: 180, parentIds: [3], centroid: [117.1, 39.1] },
          { key: 11, households: 320, parentIds: [3], centroid: [117.2, 39.1] },
        ],
        preferred: new Map([[3, 10]]),
      }),
    )
    expect(plan.codes.get(10)).toBe(code(3))
    expect(plan.codes.get(11)).toBe(code(8))
  })

  it('a merge keeps the code of the larger grid and retires the other', () => {
    const plan = assignGridCodes(
      base({
        retired: [
          { id: 4, code: code(4), households: 120 },
          { id: 5, code: code(5), households: 150 },
        ],
        created: [{ key: 10, households: 270, parentIds: [4, 5], centroid: [117.1, 39.1] }],
      }),
    )
    expect(plan.codes).toEqual(new Map([[10, code(5)]]))
    expect(plan.retiredCodes).toEqual([code(4)])
    expect(plan.createdCodes).toEqual([])
  })

  it('a revert restores the codes of the grids it brings back and uses no new one', () => {
    // a split of 003 into 003 (kept by the larger part, now grid 11) and 008 (grid 12), reverted:
    // grid 3 comes back (key 20), grids 11 and 12 are emptied and retired
    const plan = assignGridCodes(
      base({
        maxSequence: 8,
        retired: [
          { id: 11, code: code(3), households: 320 },
          { id: 12, code: code(8), households: 180 },
        ],
        created: [{ key: 20, households: 500, parentIds: [3], centroid: [117.1, 39.1] }],
        restore: new Map([[20, code(3)]]),
      }),
    )
    expect(plan.codes).toEqual(new Map([[20, code(3)]]))
    expect(plan.retiredCodes).toEqual([code(8)])
    expect(plan.createdCodes).toEqual([])
  })

  it('never restores or hands on a code a grid that stays still holds', () => {
    const plan = assignGridCodes(
      base({
        retired: [{ id: 9, code: code(2), households: 100 }],
        created: [{ key: 20, households: 100, parentIds: [9], centroid: [117.1, 39.1] }],
        restore: new Map([[20, code(1)]]),
      }),
    )
    expect(plan.codes.get(20)).toBe(code(8))
  })

  it('numbers several new grids in reading order after the highest code ever used', () => {
    const plan = assignGridCodes(
      base({
        created: [
          { key: 10, households: 0, parentIds: [], centroid: [117.3, 39.0] },
          { key: 11, households: 0, parentIds: [], centroid: [117.1, 39.0] },
        ],
      }),
    )
    expect(plan.codes.get(11)).toBe(code(8))
    expect(plan.codes.get(10)).toBe(code(9))
  })

  it('says so when the community has no sequence numbers left', () => {
    expect(() =>
      assignGridCodes(
        base({ maxSequence: 999, created: [{ key: 1, households: 0, parentIds: [], centroid: [0, 0] }] }),
      ),
    ).toThrow(GridCodesExhausted)
  })
})
