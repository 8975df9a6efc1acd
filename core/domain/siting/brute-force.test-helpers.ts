// Brute-force optima by enumerating every k-subset: the truth for small siting tests.

export function* subsets(m: number, k: number): Generator<number[]> {
  const pick: number[] = []
  function* walk(start: number): Generator<number[]> {
    if (pick.length === k) {
      yield pick.slice()
      return
    }
    for (let c = start; c <= m - (k - pick.length); c++) {
      pick.push(c)
      yield* walk(c + 1)
      pick.pop()
    }
  }
  yield* walk(0)
}

export function coverValue(weights: number[], coverage: number[][], pre: number[], sites: number[]): number {
  const covered = new Set<number>()
  for (const s of sites) for (const i of coverage[s]) if (!pre[i]) covered.add(i)
  let sum = 0
  for (const i of covered) sum += weights[i]
  return sum
}

export function bestCover(weights: number[], coverage: number[][], pre: number[], k: number): number {
  let best = 0
  for (const s of subsets(coverage.length, k)) best = Math.max(best, coverValue(weights, coverage, pre, s))
  return best
}
