import { describe, expect, it } from 'vitest'
import type { CommunityUnits, UnitAdjacency } from '../../../../core/api'
import {
  codeChanges,
  editorIntegrity,
  firstNewKey,
  gridColours,
  gridLabel,
  gridNeighbours,
  gridRows,
  proposalColouring,
  startEdit,
  unitsBbox,
  wireOps,
} from './editor-model'

// three square units in a row, 150 households each: grid 7 = units 1–2, grid 9 = unit 3
const square = (x: number): GeoJSON.MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, 39],
        [x + 0.001, 39],
        [x + 0.001, 39.001],
        [x, 39.001],
        [x, 39],
      ],
    ],
  ],
})
const unit = (id: number, gridId: number) => ({
  type: 'Feature' as const,
  id,
  geometry: square(117 + id * 0.001),
  properties: {
    id,
    code: `u${id}`,
    name: `u${id}`,
    kind: 'compound',
    households: 150,
    residents: 400,
    areaM2: 10000,
    perimeterM: 400,
    centroid: [117 + id * 0.001 + 0.0005, 39.0005] as [number, number],
    gridId,
  },
})
const data: CommunityUnits = {
  community: {
    code: '120116001001',
    name: 'c',
    streetCode: '120116001',
    households: 450,
    residents: 1200,
    editVersion: 3,
  },
  settings: { targetHouseholds: 300, tolerance: 0.2 },
  maxGridSequence: 4,
  grids: [
    {
      id: 7,
      code: '120116001001001',
      name: 'g1',
      households: 300,
      residents: 800,
      unitCount: 2,
      validFrom: '2023-01-01',
    },
    {
      id: 9,
      code: '120116001001002',
      name: 'g2',
      households: 150,
      residents: 400,
      unitCount: 1,
      validFrom: '2023-01-01',
    },
  ],
  units: { type: 'FeatureCollection', features: [unit(1, 7), unit(2, 7), unit(3, 9)] },
}
const adjacency: UnitAdjacency = {
  communityCode: '120116001001',
  pairs: [
    [1, 2, 100],
    [2, 3, 100],
  ],
}

describe('editor model', () => {
  it('builds the edit from the API and shows live rows as units move', () => {
    const log = startEdit(data, adjacency)
    expect(gridRows(log, data).map((r) => [r.code, r.households, r.inBand])).toEqual([
      ['120116001001001', 300, true],
      ['120116001001002', 150, false],
    ])
    log.apply({ kind: 'moveUnits', unitIds: ['2'], toGrid: 9 })
    expect(gridRows(log, data).map((r) => r.households)).toEqual([150, 300])
    expect(wireOps(log.ops)).toEqual([{ kind: 'moveUnits', unitIds: [2], toGrid: 9 }])
  })

  it('reports integrity with the declared households and labels new grids', () => {
    const log = startEdit(data, adjacency)
    const report = editorIntegrity(log, data)
    expect(report.outOfBand.map((g) => g.grid)).toEqual([9])
    expect(report.reconciliation[0].reconciles).toBe(true)
    const { createdGrid } = log.apply({ kind: 'createGrid' })
    expect(createdGrid).toBe(firstNewKey(data))
    expect(editorIntegrity(log, data).emptyGrids).toEqual([createdGrid])
    const labels = { existing: (n: number) => `第${n}网格`, created: (n: number) => `新${n}` }
    expect(gridLabel({ key: 9, code: '120116001001002' }, labels, 10)).toBe('第2网格')
    expect(gridLabel({ key: 10, code: null }, labels, 10)).toBe('新1')
  })

  it('gives a bbox for jump-to-part and a colour per grid', () => {
    expect(unitsBbox(data, ['1', '2'])).toEqual([117.001, 39, 117.003, 39.001])
    expect(unitsBbox(data, [])).toBeNull()
    const log = startEdit(data, adjacency)
    const colours = gridColours([9, 7], gridNeighbours(log.options.graph, log.session.assignment()))
    expect(colours.get(7)).not.toEqual(colours.get(9))
    // touching grids never share a colour, even past the palette's length; known grids keep theirs
    const ring = Array.from({ length: 30 }, (_, i) => i)
    const around = new Map(ring.map((k) => [k, new Set([(k + 1) % 30, (k + 29) % 30])]))
    const many = gridColours(ring, around)
    for (const k of ring) expect(many.get(k)).not.toEqual(many.get((k + 1) % 30))
    expect(gridColours([7, 9, 11], new Map(), colours).get(9)).toEqual(colours.get(9))
  })

  it('draws a proposal instead of the edit: each unit in its proposed grid, touching grids in different colours', () => {
    const log = startEdit(data, adjacency)
    const grid = (key: number, unitIds: number[]) => ({
      key,
      communityCode: '120116001001',
      households: 150 * unitIds.length,
      residents: 400 * unitIds.length,
      deviation: 0,
      inBand: true,
      polsbyPopper: 1,
      unitIds,
    })
    const figures = {
      grids: 2,
      shareInBand: 1,
      meanAbsDeviation: 0,
      meanPolsbyPopper: 1,
      minPolsbyPopper: 1,
      disconnectedGrids: 0,
      unassignedUnits: 0,
      unitsMoved: null,
    }
    const proposal = {
      mode: 'propose',
      scope: { kind: 'community', code: '120116001001' },
      elapsedMs: 1,
      current: figures,
      proposed: figures,
      baseline: figures,
      currentGrids: [],
      proposedGrids: [grid(0, [1]), grid(1, [2, 3])],
      communities: [],
      edits: [],
    }
    const { assignment, colours } = proposalColouring(proposal, data, log.options.graph)
    expect(assignment).toEqual([0, 1, 1])
    expect(colours.get(0)).not.toEqual(colours.get(1))
  })
})

describe('the codes an edit will retire and create', () => {
  it("a merge keeps the larger grid's code and retires the other", () => {
    const log = startEdit(data, adjacency)
    log.apply({ kind: 'mergeGrids', into: 9, from: 7 })
    const changes = codeChanges(log, data)
    expect(changes).toMatchObject({ retired: ['120116001001002'], created: [] })
  })

  it('a split keeps the code on the larger part; the other gets the next code after the highest ever used', () => {
    const log = startEdit(data, adjacency)
    log.apply({ kind: 'moveUnits', unitIds: ['3'], toGrid: 7 })
    log.apply({ kind: 'splitByAssignment', grid: 7, sideA: ['1'], sideB: ['2', '3'] })
    const changes = codeChanges(log, data)
    // grid 9 is left empty but stays (an empty grid is deleted explicitly)
    expect(changes.retired).toEqual([])
    expect(changes.created).toEqual(['120116001001005'])
    // the side with two units (300 households) keeps …001
    expect([...changes.codeOfKey.values()].sort()).toEqual(['120116001001001', '120116001001005'])
  })

  it('nothing before any operation, and nothing for plain moves', () => {
    const log = startEdit(data, adjacency)
    expect(codeChanges(log, data)).toMatchObject({ retired: [], created: [] })
    log.apply({ kind: 'moveUnits', unitIds: ['2'], toGrid: 9 })
    expect(codeChanges(log, data)).toMatchObject({ retired: [], created: [] })
  })
})
