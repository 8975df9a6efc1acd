import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n/translate'
import { problemLabel } from './problem-label'

describe('a problem kind in the user language', () => {
  it('names known codes in Chinese and English, and shows an unknown one as itself', () => {
    expect(problemLabel('DUPLICATE_CODE', (k) => translate('zh', k))).toBe('编码重复')
    expect(problemLabel('DUPLICATE_CODE', (k) => translate('en', k))).toBe('Duplicate code')
    expect(problemLabel('SOMETHING_NEW', (k) => translate('zh', k))).toBe('SOMETHING_NEW')
  })
})
