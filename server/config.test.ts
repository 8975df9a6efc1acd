import { describe, expect, it } from 'vitest'
import { readConfig } from './config'

describe('WANGGE_DEMO', () => {
  it('loads the demo world by default and starts empty when off', () => {
    expect(readConfig({}).demo).toBe(true)
    expect(readConfig({ WANGGE_DEMO: 'off' }).demo).toBe(false)
    expect(readConfig({ WANGGE_DEMO: 'ON' }).demo).toBe(true)
    expect(() => readConfig({ WANGGE_DEMO: 'maybe' })).toThrow(/WANGGE_DEMO must be on or off, got "maybe"/)
  })
})
