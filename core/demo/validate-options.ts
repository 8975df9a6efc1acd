// Generator options with their defaults, rejected up front with the bad value in the message.
import { DEMO_REGIONS, type DemoRegion, type GenerateOptions } from './types'

export const DEFAULT_SEED = 20230101
export const FULL_SCALE_HOUSEHOLDS = 800000 // about 2.07M residents (2020 census) / 2.59 per household

export interface ValidOptions {
  seed: number
  scale: number // share of FULL_SCALE_HOUSEHOLDS, (0, 1]
  region: DemoRegion
  onProgress: (step: string, done: number, total: number) => void
}

export function validateOptions(options: GenerateOptions = {}): ValidOptions {
  const seed = options.seed ?? DEFAULT_SEED
  const scale = options.scale ?? 1
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`)
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 1)) throw new Error(`scale must be in (0, 1], got ${scale}`)
  const region = options.region ?? 'binhai'
  if (!DEMO_REGIONS.includes(region)) throw new Error(`region must be one of ${DEMO_REGIONS.join(', ')}, got ${region}`)
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    throw new Error(`onProgress must be a function, got ${typeof options.onProgress}`)
  return { seed, scale, region, onProgress: options.onProgress ?? (() => {}) }
}
