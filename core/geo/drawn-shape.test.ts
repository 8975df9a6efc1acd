import { describe, expect, it } from 'vitest'
import { LINE_MARGIN, lineProblem, type Position, reachOf, ringProblem, segmentsMeet } from './drawn-shape'

const square: Position[] = [
  [117.7, 39.0],
  [117.71, 39.0],
  [117.71, 39.01],
  [117.7, 39.01],
  [117.7, 39.0],
]
const reach = reachOf([
  [117.7, 39.0],
  [117.72, 39.02],
])!

describe('ringProblem (a lasso)', () => {
  it('takes a simple closed ring with area, either way round, within reach', () => {
    expect(ringProblem(square, reach)).toBeUndefined()
    expect(ringProblem([square[0], ...square], reach)).toBeUndefined() // a double click
    expect(ringProblem([square[0], square[0], square[1], square[2], square[0]], reach)).toBeUndefined()
    expect(ringProblem([square[0], square[1], square[1], square[1], square[0]], reach)).toMatch(/3 distinct/)
    expect(ringProblem([...square].reverse(), reach)).toBeUndefined()
  })

  it('refuses an unclosed ring, three positions, and non-numbers', () => {
    expect(ringProblem(square.slice(0, 4), reach)).toMatch(/not closed/)
    expect(ringProblem([square[0], square[1], square[0]], reach)).toMatch(/at least 4 positions/)
    expect(ringProblem([...square.slice(0, 4), ['117.7', '39'] as never], reach)).toMatch(/\[4\].*not \[lng, lat\]/)
    expect(ringProblem('ring', reach)).toMatch(/array/)
  })

  it('refuses a bow-tie that crosses itself, and a ring with no area', () => {
    const bowTie: Position[] = [
      [117.7, 39.0],
      [117.71, 39.01],
      [117.71, 39.0],
      [117.7, 39.01],
      [117.7, 39.0],
    ]
    expect(ringProblem(bowTie, reach)).toMatch(/crosses itself: segments 0 and 2/)
    const flat: Position[] = [
      [117.7, 39.0],
      [117.71, 39.0],
      [117.72, 39.0],
      [117.7, 39.0],
    ]
    expect(ringProblem(flat, reach)).toMatch(/no area|turns back/)
    const spike: Position[] = [...square.slice(0, 2), [117.72, 39.0], ...square.slice(1)]
    expect(ringProblem(spike, reach)).toMatch(/crosses itself|turns back on itself/)
  })

  it('refuses a globe-spanning ring, and one beyond the community', () => {
    const globe: Position[] = [
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, 90],
      [-180, -90],
    ]
    expect(ringProblem(globe, reach)).toMatch(/beyond the community's reach/)
    const faraway = square.map(([x, y]) => [x + 1, y] as Position)
    expect(ringProblem(faraway, reach)).toMatch(/beyond/)
  })
})

describe('lineProblem (a split line)', () => {
  it('takes a straight or bent line, refuses a single point, a loop and a U-turn', () => {
    expect(lineProblem(square.slice(0, 3), reach)).toBeUndefined()
    expect(lineProblem([square[0]], reach)).toMatch(/at least 2/)
    expect(lineProblem([square[0], square[0]], reach)).toMatch(/2 distinct positions/)
    expect(lineProblem([...square, [117.705, 38.995]], reach)).toMatch(/crosses itself/)
    expect(lineProblem([square[0], square[1], square[0]], reach)).toMatch(/turns back/)
  })
})

describe('reachOf and segmentsMeet', () => {
  it('grows the box by its own size, at least 0.01°', () => {
    const box = reachOf([[117.7, 39.0]])!
    for (const [i, v] of [117.69, 38.99, 117.71, 39.01].entries()) expect(box[i]).toBeCloseTo(v, 9)
    expect(reachOf([])).toBeUndefined()
  })

  it('counts touching and collinear overlap as meeting', () => {
    expect(segmentsMeet([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true)
    expect(segmentsMeet([0, 0], [2, 0], [1, -1], [1, 0])).toBe(true)
    expect(segmentsMeet([0, 0], [2, 0], [3, 0], [4, 0])).toBe(false)
    expect(segmentsMeet([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true)
  })
})

describe('the reach of a split line', () => {
  it('is only a sanity bound: a line may run well past the community, not across the globe', () => {
    const community = reachOf([[117.7, 39.0]], LINE_MARGIN)
    expect(
      lineProblem(
        [
          [117.7, 38],
          [117.7, 40],
        ],
        community,
      ),
    ).toBeUndefined()
    expect(
      lineProblem(
        [
          [100, 10],
          [100, 11],
        ],
        community,
      ),
    ).toMatch(/beyond the community's reach/)
  })

  it('names a bad position before counting them', () => {
    expect(
      ringProblem([
        [117, 39],
        ['east', 39],
        [118, 40],
      ]),
    ).toMatch(/east/)
  })
})
