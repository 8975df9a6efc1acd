// Seeded pseudo-random numbers (sfc32, seeded through splitmix32). No Math.random anywhere:
// the demo world must be the same for the same seed.

export interface Random {
  next(): number // [0, 1)
  range(min: number, max: number): number // [min, max)
  int(min: number, max: number): number // integer in [min, max], inclusive
  normal(): number // standard normal (Box–Muller)
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  shuffle<T>(items: T[]): T[] // in place, returns items
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`)
  // state words from splitmix32, then sfc32 rounds
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const nextUint = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  // discard the first outputs so that nearby seeds decorrelate
  for (let i = 0; i < 12; i++) nextUint()
  const next = (): number => nextUint() / 4294967296
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    normal: () => {
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(items.length * next())]
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor((i + 1) * next())
        const t = items[i]
        items[i] = items[j]
        items[j] = t
      }
      return items
    },
  }
}

// A seed for a named sub-stream, so that one phase's draws do not shift another's.
export function deriveSeed(seed: number, key: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
  return h | 0
}
