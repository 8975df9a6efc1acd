// Input checks shared by the equity measures. Every message names the argument, the index
// and the bad value, so a caller can find the record that broke the computation.

/** Throws unless every value is a finite number ≥ 0. */
export function assertNonNegative(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) {
      throw new RangeError(`${name}[${i}] must be a finite number >= 0, got ${v}`)
    }
  }
}

/** Throws unless the two arrays have the same length. */
export function assertSameLength(a: ArrayLike<unknown>, aName: string, b: ArrayLike<unknown>, bName: string) {
  if (a.length !== b.length) {
    throw new RangeError(`${aName} has ${a.length} entries but ${bName} has ${b.length}`)
  }
}

/** Throws unless the array has at least one entry. */
export function assertNotEmpty(values: ArrayLike<unknown>, name: string): void {
  if (values.length === 0) throw new RangeError(`${name} must not be empty`)
}

/** Throws unless p is a probability in [0, 1]. */
export function assertProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`)
}

/** Checks a weighted sample (non-empty, same lengths, finite ≥ 0, some weight) and sums it. */
export function validateWeightedSample(values: ArrayLike<number>, weights: ArrayLike<number>) {
  assertNotEmpty(values, 'values')
  assertSameLength(values, 'values', weights, 'weights')
  assertNonNegative(values, 'values')
  assertNonNegative(weights, 'weights')
  let totalWeight = 0
  let totalValue = 0
  for (let i = 0; i < values.length; i++) {
    totalWeight += weights[i]
    totalValue += weights[i] * values[i]
  }
  if (totalWeight === 0) throw new RangeError('weights must not all be 0')
  return { totalWeight, totalValue }
}
