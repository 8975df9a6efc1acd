import { describe, expect, it } from 'vitest'
import { csrfHeaders } from './csrf'

describe('csrfHeaders', () => {
  it('sends the wangge_csrf cookie back as X-CSRF-Token', () => {
    expect(csrfHeaders('a=1; wangge_csrf=abc%2Bd; b=2')).toEqual({ 'x-csrf-token': 'abc+d' })
  })
  it('sends nothing without the cookie', () => {
    expect(csrfHeaders('wangge_csrf_other=1')).toEqual({})
  })
})
