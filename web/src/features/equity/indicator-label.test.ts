import { describe, expect, it } from 'vitest'
import type { IndicatorInfo } from '../../../../core/api'
import { translate } from '../../i18n/translate'
import { formatIndicator, indicatorLabel } from './indicator-label'

const types = new Map([['kindergarten', { nameZh: '幼儿园', nameEn: 'Kindergarten' }]])
const info = (code: string, measure: IndicatorInfo['measure'], subject: string | null): IndicatorInfo => ({
  code,
  measure,
  subject,
  unit: 'share',
  higherIsBetter: true,
  norm: null,
})
const fmt = (v: number, d = 0) => v.toFixed(d)

describe('indicator labels', () => {
  it('names the measure and its subject in both languages', () => {
    const zh = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('zh', k, p)
    const en = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('en', k, p)
    const k = info('coverage_share:kindergarten', 'coverage_share', 'kindergarten')
    expect(indicatorLabel(k, types, 'zh', zh)).toBe('覆盖率 · 幼儿园')
    expect(indicatorLabel(k, types, 'en', en)).toBe('Coverage · Kindergarten')
    expect(indicatorLabel(info('coverage_share:tier:5min', 'coverage_share', 'tier:5min'), types, 'zh', zh)).toBe(
      '覆盖率 · 5分钟生活圈',
    )
    expect(indicatorLabel(info('w', 'workers_per_10k_residents', null), types, 'en', en)).toMatch(/10,000/)
  })

  it('formats values by unit', () => {
    expect(formatIndicator(0.1234, 'share', fmt)).toBe('12.3%')
    expect(formatIndicator(812.4, 'm', fmt)).toBe('812 m')
    expect(formatIndicator(null, 'm', fmt)).toBe('–')
    expect(formatIndicator(18.26, 'per_10k_residents', fmt)).toBe('18.3')
  })
})
