// Lookup tables over the loaded features or summary rows (pure).

/** key → feature (or summary row), e.g. grid id → grid, community code → community. */
export function indexFeatures<F extends { properties: P }, P, K>(
  features: F[],
  keyOf: (properties: P) => K,
): Map<K, F> {
  const index = new Map<K, F>()
  for (const f of features) index.set(keyOf(f.properties), f)
  return index
}
