import { describe, expect, it } from 'vitest'
import { EditSession } from './edit-session'
import { GridError } from './errors'
import { latticeGraph } from './fixtures'

const settings = { targetHouseholds: 300, tolerance: 0.2 }
// 4 × 2 lattice, 100 households and 250 residents per unit; grid 0 = columns 0–1, grid 1 = columns 2–3
//   r1c0 r1c1 | r1c2 r1c3        4 5 | 6 7
//   r0c0 r0c1 | r0c2 r0c3        0 1 | 2 3
const graph = latticeGraph({ cols: 4, rows: 2, households: 100 })
const start = [0, 0, 1, 1, 0, 0, 1, 1]
const session = () => new EditSession(graph, start, { settings })

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof GridError) return `${e.code}: ${e.message}`
    throw e
  }
  return 'no error'
}

describe('EditSession.moveUnits', () => {
  it('gives the before → after diff of both grids', () => {
    const s = session()
    expect(s.moveUnits(['r0c1'], 1).diff).toEqual([
      {
        grid: 0,
        before: {
          grid: 0,
          households: 400,
          residents: 1000,
          units: 4,
          deviation: 1 / 3,
          inBand: false,
          connected: true,
          pieces: 1,
        },
        after: {
          grid: 0,
          households: 300,
          residents: 750,
          units: 3,
          deviation: 0,
          inBand: true,
          connected: true,
          pieces: 1,
        },
      },
      {
        grid: 1,
        before: {
          grid: 1,
          households: 400,
          residents: 1000,
          units: 4,
          deviation: 1 / 3,
          inBand: false,
          connected: true,
          pieces: 1,
        },
        after: {
          grid: 1,
          households: 500,
          residents: 1250,
          units: 5,
          deviation: 2 / 3,
          inBand: false,
          connected: true,
          pieces: 1,
        },
      },
    ])
  })
  it('reports a grid left in two pieces', () => {
    // grid 0 keeps r0c0 and r1c1, which only touch at a corner
    const after = session().moveUnits(['r1c0', 'r0c1'], 1).diff[0].after!
    expect(after).toMatchObject({ households: 200, connected: false, pieces: 2 })
  })
  it('rejects an unknown unit, naming it', () => {
    expect(codeOf(() => session().moveUnits(['r9c9'], 1))).toBe('UNKNOWN_UNIT: unknown unit "r9c9"')
  })
  it('rejects an unknown grid, naming it', () => {
    expect(codeOf(() => session().moveUnits(['r0c0'], 5))).toBe('UNKNOWN_GRID: unknown grid 5')
  })
  it('leaves the session unchanged when an operation is rejected part-way', () => {
    const s = session()
    expect(() => s.moveUnits(['r0c0', 'nope'], 1)).toThrow(GridError)
    expect([...s.assignment()]).toEqual(start)
  })
})

describe('EditSession grids', () => {
  it('creates a grid keyed max + 1, fills it, merges only adjacent grids', () => {
    const s = session()
    const created = s.createGrid()
    expect(created.createdGrid).toBe(2)
    expect(created.diff).toEqual([
      { grid: 2, before: null, after: expect.objectContaining({ households: 0, units: 0 }) },
    ])
    s.moveUnits(['r0c3', 'r1c3'], 2)
    expect([s.state(1).households, s.state(2).households]).toEqual([200, 200])
    expect(codeOf(() => s.mergeGrids(0, 2))).toBe('GRIDS_NOT_ADJACENT: grids 0 and 2 do not touch')
    const merged = s.mergeGrids(1, 2)
    expect(merged.diff.map((d) => [d.grid, d.after?.households ?? null])).toEqual([
      [1, 400],
      [2, null],
    ])
    expect(s.gridKeys()).toEqual([0, 1])
    expect(s.unitsOf(1)).toEqual(['r0c2', 'r0c3', 'r1c2', 'r1c3'])
  })
  it('deletes only empty grids', () => {
    const s = session()
    expect(codeOf(() => s.deleteGrid(0))).toBe('GRID_NOT_EMPTY: grid 0 still has 4 units; move them first')
    s.moveUnits(['r0c0', 'r0c1', 'r1c0', 'r1c1'], 1)
    expect(s.deleteGrid(0).diff).toEqual([{ grid: 0, before: expect.objectContaining({ units: 0 }), after: null }])
    expect(s.changes()).toEqual({
      moves: ['r0c0', 'r0c1', 'r1c0', 'r1c1'].map((unitId) => ({ unitId, fromGrid: 0, toGrid: 1 })),
      createdGrids: [],
      deletedGrids: [0],
    })
  })
  it('splits a grid: side B becomes a new grid', () => {
    const s = session()
    const r = s.splitByAssignment(0, ['r0c0', 'r1c0'], ['r0c1', 'r1c1'])
    expect(r.createdGrid).toBe(2)
    expect(r.diff.map((d) => [d.grid, d.before?.households ?? null, d.after?.households])).toEqual([
      [0, 400, 200],
      [2, null, 200],
    ])
    expect(s.changes()).toEqual({
      moves: [
        { unitId: 'r0c1', fromGrid: 0, toGrid: 2 },
        { unitId: 'r1c1', fromGrid: 0, toGrid: 2 },
      ],
      createdGrids: [2],
      deletedGrids: [],
    })
  })
  it('rejects a split whose sides miss a unit or take one from another grid', () => {
    expect(codeOf(() => session().splitByAssignment(0, ['r0c0'], ['r0c1']))).toBe(
      'INVALID_SPLIT: the sides cover 2 of the 4 units of grid 0',
    )
    expect(codeOf(() => session().splitByAssignment(0, ['r0c0', 'r1c0', 'r1c1'], ['r0c2']))).toBe(
      'INVALID_SPLIT: unit r0c2 is in grid 1, not in grid 0',
    )
  })
  it('reports net changes only: a unit moved away and back is no change', () => {
    const s = session()
    s.moveUnits(['r0c1'], 1)
    s.moveUnits(['r0c1'], 0)
    expect(s.changes().moves).toEqual([])
  })
})

describe('EditSession preview', () => {
  it('gives the diff without changing anything', () => {
    const s = session()
    const diff = s.preview({ kind: 'moveUnits', unitIds: ['r0c1'], toGrid: 1 })
    expect(diff.map((d) => d.after?.households)).toEqual([300, 500])
    expect([...s.assignment()]).toEqual(start)
    expect(s.state(0)).toMatchObject({ households: 400, pieces: 1 })
    expect(s.history()).toEqual([])
    // a previewed createGrid does not use up a key
    s.preview({ kind: 'createGrid' })
    expect(s.createGrid().createdGrid).toBe(2)
  })
})

describe('EditSession communities', () => {
  // communities: A = columns 0–1, B = columns 2–3
  const two = latticeGraph({ cols: 4, rows: 2, households: 100, community: (col) => (col < 2 ? 'A' : 'B') })
  it('rejects a unit of another community in a scoped session', () => {
    const s = new EditSession(two, start, { settings, communityId: 'A' })
    expect(codeOf(() => s.moveUnits(['r0c2'], 0))).toBe('UNIT_OTHER_COMMUNITY: unit r0c2 is in community "B", not "A"')
  })
  it('rejects moving a unit into a grid of another community', () => {
    const s = new EditSession(two, start, { settings })
    expect(codeOf(() => s.moveUnits(['r0c1'], 1))).toBe(
      'UNIT_OTHER_COMMUNITY: unit r0c1 is in community "A", grid 1 in "B"',
    )
  })
  it('needs a community to create a grid in a two-community graph', () => {
    const s = new EditSession(two, start, { settings })
    expect(codeOf(() => s.createGrid())).toBe('UNKNOWN_COMMUNITY: the graph has 2 communities: name one')
    expect(s.createGrid('B').createdGrid).toBe(2)
  })
  it('rejects invalid settings up front', () => {
    expect(codeOf(() => new EditSession(graph, start, { settings: { targetHouseholds: -1, tolerance: 0.2 } }))).toBe(
      'INVALID_SETTINGS: targetHouseholds must be a positive number, got -1',
    )
  })
})
