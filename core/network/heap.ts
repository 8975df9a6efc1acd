// A binary min-heap of (key, value) pairs on typed arrays, grown on demand; duplicates allowed
// (Dijkstra pushes a node again when its distance improves and skips stale pops).

export class MinHeap {
  private keys: Float64Array
  private values: Int32Array
  size = 0

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(capacity, 16))
    this.values = new Int32Array(Math.max(capacity, 16))
  }

  clear(): void {
    this.size = 0
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const values = new Int32Array(this.size * 2)
      values.set(this.values)
      this.values = values
    }
    const { keys, values } = this
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (keys[parent] <= key) break
      keys[i] = keys[parent]
      values[i] = values[parent]
      i = parent
    }
    keys[i] = key
    values[i] = value
  }

  /** The smallest key (the heap must not be empty). */
  peekKey(): number {
    return this.keys[0]
  }

  /** Removes the pair with the smallest key and returns its value (the heap must not be empty). */
  pop(): number {
    const { keys, values } = this
    const top = values[0]
    const n = --this.size
    if (n === 0) return top
    const key = keys[n]
    const value = values[n]
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      if (child + 1 < n && keys[child + 1] < keys[child]) child++
      if (keys[child] >= key) break
      keys[i] = keys[child]
      values[i] = values[child]
      i = child
    }
    keys[i] = key
    values[i] = value
    return top
  }
}
