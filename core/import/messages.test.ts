import { describe, expect, it } from 'vitest'
import { ACTION_TEXT, langOf, localizeProblem, NOTICE_TEXT, PROBLEM_TEXT, problem } from './messages'

describe('the import message table', () => {
  it('words every problem, action and notice in Chinese and English', () => {
    const params = { field: 'Households', fieldZh: '户数', value: -3, noun: 'unit', other: 'X', pairs: 'A=12|B=3.5' }
    for (const table of [PROBLEM_TEXT, ACTION_TEXT, NOTICE_TEXT])
      for (const [code, t] of Object.entries(table)) {
        expect(t.en(params), code).not.toBe('')
        // Chinese text, not the English one again
        expect(t.zh(params), code).toMatch(/[\u4e00-\u9fff]/)
      }
  })

  it('keeps a problem English as stored and words it in Chinese from its code and values', () => {
    const p = problem(
      { row: 4, key: 'U4', severity: 'error' },
      'NEGATIVE_COUNT',
      {
        field: 'Households',
        fieldZh: '户数',
        value: -3,
      },
      'ROW_SKIPPED',
    )
    expect(p).toMatchObject({ message: 'Households -3 is negative', action: 'row skipped' })
    expect(localizeProblem(p, 'zh')).toMatchObject({
      code: 'NEGATIVE_COUNT',
      message: '户数 -3 是负数',
      action: '跳过该行',
    })
    expect(localizeProblem(p, 'en')).toBe(p)
  })

  it('takes ?lang first, then the first zh or en of Accept-Language', () => {
    expect(langOf('en', 'zh-CN,zh')).toBe('en')
    expect(langOf(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh')
    expect(langOf(undefined, 'en-US,en;q=0.9')).toBe('en')
    expect(langOf(undefined, undefined)).toBe('zh')
    expect(langOf(undefined, 'fr', 'en')).toBe('en')
  })
})
