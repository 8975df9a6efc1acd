// The figures a dry run shows (issue 9): households and residents in the district, per community
// and per grid, grids out of the household band, and grid coverage (households in units of no
// grid), before and after the commit, for every kind of layer. Each import is reduced to what it
// does to units — their counts and their grid — and the figures follow from that:
//   - units: new units join the grid holding most of them; changed ones keep theirs;
//   - counts: the units' counts change;
//   - buildings: a unit's counts become the sum of its buildings (stored ones the file leaves
//     out, plus the file's), as the commit writes them;
//   - grids: units move between grids; new grids start at 0, grids left empty are retired;
//   - streets, communities, workers and facilities change no household figure.
import type { Kysely } from 'kysely'
import type { ImportFigures, ImportLayerId } from '../../../core/api'
import type { ImportRecord } from '../../../core/import/validate'
import type { Database } from '../../db/schema'
import { readBand } from '../grid-editing/grid-editing.repository'
import * as repo from './import.repository'

/** What the import does to one unit. */
export interface UnitChange {
  community: string | null
  gridBefore: number | null
  /** an existing grid's id, or a new grid's code */
  gridAfter: number | string | null
  hBefore: number
  hAfter: number
  rBefore: number
  rAfter: number
}

export interface GridMove {
  community: string
  households: number
  from: number | null
  /** an existing grid's id, or a new grid's code */
  to: number | string
}

export type Figures = Omit<ImportFigures, 'communities' | 'unitsSplitBetweenGrids' | 'gridsNotWholeUnits'> & {
  communities: (ImportFigures['communities'][number] & { registered: number })[]
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/** What a units, counts or buildings import does to each unit it touches. */
export async function unitChanges(
  db: Kysely<Database>,
  target: ImportLayerId,
  planned: repo.PlannedRow[],
  existing: Map<string, repo.ExistingRow>,
  /** buildings: the file's rows that are stored unchanged (they count in their unit's sum) */
  unchanged: ImportRecord[],
): Promise<UnitChange[]> {
  if (target === 'units' || target === 'counts')
    return planned.map((p) => {
      const old = existing.get(p.record.key)
      const hBefore = num(old?.values.households)
      const rBefore = num(old?.values.residents)
      const grid = old ? old.gridId : p.gridId
      return {
        community: old?.communityCode ?? (p.record.values.communityCode as string | null) ?? null,
        gridBefore: old ? old.gridId : null,
        gridAfter: grid,
        hBefore,
        rBefore,
        hAfter: (p.record.values.households as number | null) ?? hBefore,
        rAfter: (p.record.values.residents as number | null) ?? rBefore,
      }
    })
  if (target !== 'buildings' || planned.length === 0) return []
  const file = new Map<string, ImportRecord>()
  for (const r of [...planned.map((p) => p.record), ...unchanged]) file.set(r.key, r)
  const units = await repo.unitsWithBuildings(
    db,
    [...new Set([...file.values()].map((r) => String(r.values.unitCode)))],
    planned.map((p) => p.record.key),
  )
  // the file's rows per unit, grouped once (a filter per unit was quadratic: minutes for a district)
  const byUnit = new Map<string, ImportRecord[]>()
  for (const r of file.values()) {
    const k = String(r.values.unitCode)
    const list = byUnit.get(k)
    if (list) list.push(r)
    else byUnit.set(k, [r])
  }
  return units.map((u) => {
    const kept = u.buildings.filter((b) => b.code === null || !file.has(b.code))
    const mine = byUnit.get(u.code) ?? []
    const stored = (code: string) => u.buildings.find((b) => b.code === code)
    let hAfter = kept.reduce((s, b) => s + b.households, 0)
    let rAfter = kept.reduce((s, b) => s + b.residents, 0)
    for (const r of mine) {
      hAfter += num(r.values.households)
      rAfter += (r.values.residents as number | null) ?? stored(r.key)?.residents ?? 0
    }
    // a unit left without a building keeps its counts (the commit sums the buildings it has)
    const none = kept.length + mine.length === 0
    return {
      community: u.communityCode,
      gridBefore: u.gridId,
      gridAfter: u.gridId,
      hBefore: u.households,
      rBefore: u.residents,
      hAfter: none ? u.households : hAfter,
      rAfter: none ? u.residents : rAfter,
    }
  })
}

/** The figures before and after, from what the import does to units and grids. */
export async function importFigures(
  db: Kysely<Database>,
  changes: UnitChange[],
  grids: { moves: GridMove[]; newGrids: { code: string; name: string }[]; retire: number[] } | null,
): Promise<Figures> {
  const totals = await repo.householdTotals(db)
  const communityDelta = new Map<string, number>()
  const gridDelta = new Map<number | string, number>()
  const add = <K>(m: Map<K, number>, k: K, d: number) => m.set(k, (m.get(k) ?? 0) + d)
  let dh = 0
  let dr = 0
  let outside = totals.outsideGrids
  for (const c of changes) {
    dh += c.hAfter - c.hBefore
    dr += c.rAfter - c.rBefore
    if (c.community) add(communityDelta, c.community, c.hAfter - c.hBefore)
    if (c.gridBefore !== null) add(gridDelta, c.gridBefore, -c.hBefore)
    if (c.gridAfter !== null) add(gridDelta, c.gridAfter, c.hAfter)
    outside += (c.gridAfter === null ? c.hAfter : 0) - (c.gridBefore === null ? c.hBefore : 0)
  }
  for (const m of grids?.moves ?? []) {
    if (m.from !== null) add(gridDelta, m.from, -m.households)
    else outside -= m.households
    add(gridDelta, m.to, m.households)
  }
  for (const g of grids?.newGrids ?? []) add(gridDelta, g.code, 0)
  const codes = [...communityDelta.keys()]
  const communities = await repo.communityFigures(db, codes)
  const registered = await repo.existingRows(db, 'communities', codes)
  const ids = [...gridDelta.keys()].filter((k): k is number => typeof k === 'number')
  const stored = await repo.gridFigures(db, [...new Set([...ids, ...(grids?.retire ?? [])])])
  const band = await readBand(db)
  const out = (h: number) => Math.abs(h - band.targetHouseholds) > band.targetHouseholds * band.tolerance
  let outOfBand = totals.outOfBand
  const gridRows: ImportFigures['grids'] = []
  for (const g of stored) {
    const after = g.households + (gridDelta.get(g.id) ?? 0)
    if (grids?.retire.includes(g.id)) outOfBand -= Number(out(g.households))
    else outOfBand += Number(out(after)) - Number(out(g.households))
    if (after !== g.households) gridRows.push({ code: g.code, name: g.name, before: g.households, after })
  }
  for (const g of grids?.newGrids ?? []) {
    const after = gridDelta.get(g.code) ?? 0
    outOfBand += Number(out(after))
    gridRows.push({ code: g.code, name: g.name, before: 0, after })
  }
  return {
    households: { before: totals.households, after: totals.households + dh },
    residents: { before: totals.residents, after: totals.residents + dr },
    communities: communities
      .map((c) => ({
        code: c.code,
        name: c.name,
        before: c.households,
        after: c.households + communityDelta.get(c.code)!,
        registered: (registered.get(c.code)?.values.households as number) ?? 0,
      }))
      .filter((c) => c.before !== c.after || c.registered !== c.after),
    grids: gridRows,
    gridsOutOfBand: { before: totals.outOfBand, after: outOfBand },
    householdsOutsideGrids: { before: totals.outsideGrids, after: outside },
  }
}
