import { describe, expect, it } from 'vitest'
import { ALARM_PAGE_SECONDS, alarmPageMs, alarmPages, rowsPerPage } from './alarm-pages'

describe('alarm pages', () => {
  it('fits whole rows in the list, at least one', () => {
    expect(rowsPerPage(1300, 50)).toBe(26)
    expect(rowsPerPage(1299, 50)).toBe(25)
    expect(rowsPerPage(10, 50)).toBe(1)
    expect(rowsPerPage(0, 0)).toBe(1)
  })

  it('covers every alarm exactly once, in order', () => {
    expect(alarmPages(26, 26)).toEqual([[0, 26]])
    expect(alarmPages(26, 10)).toEqual([
      [0, 10],
      [10, 20],
      [20, 26],
    ])
    expect(alarmPages(0, 5)).toEqual([[0, 0]])
  })

  it('reads the page period from ?page=, with a floor, junk to the default', () => {
    expect(alarmPageMs('')).toBe(ALARM_PAGE_SECONDS * 1000)
    expect(alarmPageMs('?cycle=0&page=3')).toBe(3000)
    expect(alarmPageMs('?page=0.5')).toBe(2000)
    expect(alarmPageMs('?page=x')).toBe(ALARM_PAGE_SECONDS * 1000)
    expect(alarmPageMs('?page=-1')).toBe(ALARM_PAGE_SECONDS * 1000)
  })
})
