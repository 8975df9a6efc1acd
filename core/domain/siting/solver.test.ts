import { beforeAll, describe, expect, it } from 'vitest'
import type { LinearModel, LinearSolver } from './linear-model'
import { toLpText } from './linear-model'
import { loadSolver } from './solver'

let solver: LinearSolver
beforeAll(async () => {
  solver = await loadSolver()
})

// chairs and tables: max 30c + 50t, c + 2t <= 40, 2c + t <= 50 -> (20, 10), 1100
const workshop: LinearModel = {
  sense: 'max',
  columns: [
    { name: 'chairs', cost: 30, lower: 0, upper: Number.POSITIVE_INFINITY, integer: true },
    { name: 'tables', cost: 50, lower: 0, upper: Number.POSITIVE_INFINITY, integer: true },
  ],
  rows: [
    { indices: [0, 1], values: [1, 2], lower: Number.NEGATIVE_INFINITY, upper: 40 },
    { indices: [0, 1], values: [2, 1], lower: Number.NEGATIVE_INFINITY, upper: 50 },
  ],
}

describe('HiGHS solver adapter', () => {
  it('solves a known MIP and returns values in model order', () => {
    const result = solver.solve(workshop)
    expect(result.status).toBe('optimal')
    expect(result.objective).toBeCloseTo(1100, 6)
    expect(Array.from(result.values)).toEqual([20, 10])
    expect(result.bound).toBeCloseTo(1100, 6)
  })

  it('keeps column order even when the first row mentions a later column first', () => {
    const model: LinearModel = {
      sense: 'min',
      columns: [
        { name: 'a', cost: 1, lower: 0, upper: 10, integer: false },
        { name: 'b', cost: 0, lower: 3, upper: 10, integer: false },
      ],
      rows: [{ indices: [1, 0], values: [1, -1], lower: Number.NEGATIVE_INFINITY, upper: 1 }],
    }
    // b >= 3 and b - a <= 1 -> a >= 2
    const result = solver.solve(model)
    expect(result.objective).toBeCloseTo(2, 9)
    expect(result.values[0]).toBeCloseTo(2, 9)
    expect(result.values[1]).toBeCloseTo(3, 9)
  })

  it('relaxes integrality on request', () => {
    const knapsack: LinearModel = {
      sense: 'max',
      columns: [
        { name: 'x', cost: 3, lower: 0, upper: 1, integer: true },
        { name: 'y', cost: 2, lower: 0, upper: 1, integer: true },
      ],
      rows: [{ indices: [0, 1], values: [2, 2], lower: Number.NEGATIVE_INFINITY, upper: 3 }],
    }
    // integer: only one item fits -> 3; relaxed: x = 1, y = 0.5 -> 4
    expect(solver.solve(knapsack).objective).toBeCloseTo(3, 9)
    expect(solver.solve(knapsack, { relax: true }).objective).toBeCloseTo(4, 9)
  })

  it('reports infeasibility', () => {
    const model: LinearModel = {
      sense: 'min',
      columns: [{ name: 'x', cost: 1, lower: 0, upper: 1, integer: false }],
      rows: [{ indices: [0], values: [1], lower: 2, upper: Number.POSITIVE_INFINITY }],
    }
    expect(solver.solve(model).status).toBe('infeasible')
  })

  it('rejects invalid names', () => {
    expect(() => toLpText({ ...workshop, columns: [{ ...workshop.columns[0], name: 'bad name' }] })).toThrow(/bad name/)
  })
})
