// Lookup tables over the loaded feature collections (pure).
import type { Feature } from '../../../../core/api'

/** key → feature, e.g. grid id → grid, community code → community. */
export function indexFeatures<P, G, K>(features: Feature<P, G>[], keyOf: (properties: P) => K): Map<K, Feature<P, G>> {
  const index = new Map<K, Feature<P, G>>()
  for (const f of features) index.set(keyOf(f.properties), f)
  return index
}
