import { describe, expect, it } from 'vitest'
import { byteRange } from './byte-range'

describe('byteRange', () => {
  it('reads first-last, first- and -suffix ranges, clamped to the body', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 })
    expect(byteRange('bytes=900-', 1000)).toEqual({ kind: 'part', start: 900, end: 999 })
    expect(byteRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 })
    expect(byteRange('bytes=990-5000', 1000)).toEqual({ kind: 'part', start: 990, end: 999 })
    expect(byteRange('bytes=-5000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 })
  })

  it('answers the whole body to no range, several ranges or another unit', () => {
    expect(byteRange(undefined, 10)).toEqual({ kind: 'whole' })
    expect(byteRange('bytes=0-1,5-6', 10)).toEqual({ kind: 'whole' })
    expect(byteRange('items=0-1', 10)).toEqual({ kind: 'whole' })
    expect(byteRange('bytes=-', 10)).toEqual({ kind: 'whole' })
  })

  it('refuses ranges beyond the body or backwards', () => {
    expect(byteRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(byteRange('bytes=5-4', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(byteRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' })
  })
})
