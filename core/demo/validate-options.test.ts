import { describe, expect, it } from 'vitest'
import { DEFAULT_SEED, validateOptions } from './validate-options'

describe('validateOptions', () => {
  it('fills the defaults', () => {
    const o = validateOptions({})
    expect(o.seed).toBe(DEFAULT_SEED)
    expect(o.scale).toBe(1)
  })

  it('rejects a bad seed or scale with the value', () => {
    expect(() => validateOptions({ seed: 2.5 })).toThrow(/2\.5/)
    expect(() => validateOptions({ scale: -0.1 })).toThrow(/-0\.1/)
    expect(() => validateOptions({ scale: 2 })).toThrow(/2/)
    expect(() => validateOptions({ onProgress: 3 as never })).toThrow(/number/)
  })
})
