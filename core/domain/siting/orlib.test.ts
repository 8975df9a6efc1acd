import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LinearSolver } from './linear-model'
import { floydWarshall, parseOrlibPmed } from './orlib'
import { solvePMedian } from './p-median'
import { loadSolver } from './solver'

// Beasley's instances, kept beside this file with their source (fixtures/orlib/README.md)
const folder = fileURLToPath(new URL('./fixtures/orlib/', import.meta.url))
// Beasley's published optima (pmedopt.txt)
const OPTIMA: Record<string, number> = { pmed1: 5819, pmed2: 4093, pmed3: 4250, pmed4: 3034, pmed5: 1355 }

describe('parseOrlibPmed and floydWarshall', () => {
  it('parses the header and edges, undirected, the last duplicate winning', () => {
    const inst = parseOrlibPmed(' 3 4 1 \n 1 2 5 \n 2 3 1 \n 3 2 7\n 1 3 20\n')
    expect(inst).toMatchObject({ nodeCount: 3, edgeCount: 4, p: 1 })
    // "3 2 7" replaces "2 3 1"
    const byPair = Object.fromEntries(inst.edges.map((e) => [`${e.i}-${e.j}`, e.cost]))
    expect(byPair).toEqual({ '0-1': 5, '2-1': 7, '0-2': 20 })
    const d = floydWarshall(3, inst.edges)
    // 0-2 directly costs 20, through 1 costs 5 + 7 = 12
    expect(Array.from(d)).toEqual([0, 5, 12, 5, 0, 7, 12, 7, 0])
  })

  it('rejects malformed files with the bad value', () => {
    expect(() => parseOrlibPmed('0 1 1')).toThrow(/invalid header n: 0/)
    expect(() => parseOrlibPmed('2 2 1\n1 2 3')).toThrow(/expected 2 edges, found 1/)
    expect(() => parseOrlibPmed('2 1 1\n1 5 3')).toThrow(/node 5 out of 1..2/)
  })
})

describe('OR-Library pmed1–pmed5 (Beasley 1985)', () => {
  let solver: LinearSolver
  beforeAll(async () => {
    solver = await loadSolver()
  })

  for (const [name, optimum] of Object.entries(OPTIMA)) {
    it(`${name}: the heuristic reaches the optimum ${optimum}, and HiGHS proves it`, () => {
      const inst = parseOrlibPmed(readFileSync(`${folder}${name}.txt`, 'utf8'))
      const input = {
        demandWeights: new Float64Array(inst.nodeCount).fill(1),
        candidateCount: inst.nodeCount,
        distance: floydWarshall(inst.nodeCount, inst.edges),
      }
      const heuristic = solvePMedian(input, inst.p)
      expect(heuristic.sites).toHaveLength(inst.p)
      expect(heuristic.objective).toBe(optimum)
      const exact = solvePMedian(input, inst.p, { solver, exact: 'always' })
      expect(exact.method).toBe('exact')
      expect(exact.objective).toBe(optimum)
    }, 30_000)
  }
})
