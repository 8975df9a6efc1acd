// OR-Library p-median instances (Beasley 1985): parse the text and build the all-pairs
// shortest-path distance matrix the optima are defined on.

export interface OrlibPmedInstance {
  nodeCount: number
  edgeCount: number
  p: number
  edges: { i: number; j: number; cost: number }[] // 0-based, undirected, last duplicate wins
}

/** Parses `n m p` then m lines `i j cost` (1-based). */
export function parseOrlibPmed(text: string): OrlibPmedInstance {
  const tokens = text.trim().split(/\s+/).map(Number)
  const [nodeCount, edgeCount, p] = tokens
  for (const [name, v] of [
    ['n', nodeCount],
    ['m', edgeCount],
    ['p', p],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`invalid header ${name}: ${v}`)
  }
  if (tokens.length < 3 + 3 * edgeCount)
    throw new Error(`expected ${edgeCount} edges, found ${Math.floor((tokens.length - 3) / 3)}`)
  const byPair = new Map<number, { i: number; j: number; cost: number }>()
  for (let e = 0; e < edgeCount; e++) {
    const i = tokens[3 + 3 * e] - 1
    const j = tokens[4 + 3 * e] - 1
    const cost = tokens[5 + 3 * e]
    if (!Number.isInteger(i) || i < 0 || i >= nodeCount)
      throw new Error(`edge ${e + 1}: node ${i + 1} out of 1..${nodeCount}`)
    if (!Number.isInteger(j) || j < 0 || j >= nodeCount)
      throw new Error(`edge ${e + 1}: node ${j + 1} out of 1..${nodeCount}`)
    if (!Number.isFinite(cost) || cost < 0) throw new Error(`edge ${e + 1}: invalid cost ${cost}`)
    // undirected: one key per unordered pair, the later line replaces the earlier
    const key = Math.min(i, j) * nodeCount + Math.max(i, j)
    byPair.delete(key)
    byPair.set(key, { i, j, cost })
  }
  return { nodeCount, edgeCount, p, edges: [...byPair.values()] }
}

/** Floyd–Warshall all-pairs shortest paths, n×n row-major (Infinity where unreachable). */
export function floydWarshall(
  nodeCount: number,
  edges: readonly { i: number; j: number; cost: number }[],
): Float64Array {
  const n = nodeCount
  const d = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY)
  for (let i = 0; i < n; i++) d[i * n + i] = 0
  // edges are undirected
  for (const { i, j, cost } of edges) {
    if (i === j) continue
    d[i * n + j] = cost
    d[j * n + i] = cost
  }
  // relax every pair through each intermediate node k
  for (let k = 0; k < n; k++) {
    const rowK = k * n
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k]
      if (dik === Number.POSITIVE_INFINITY) continue
      const rowI = i * n
      for (let j = 0; j < n; j++) {
        const via = dik + d[rowK + j]
        if (via < d[rowI + j]) d[rowI + j] = via
      }
    }
  }
  return d
}
