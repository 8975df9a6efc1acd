// Words and number formats for indicator codes, in the current language (pure).
import { type IndicatorInfo, measureLabelKey, tierLabel } from '../../../../core/api'
import type { MessageKey } from '../../i18n/dictionaries'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export interface TypeNames {
  get(code: string): { nameZh: string; nameEn: string } | undefined
}

/** The subject of an indicator: a facility type's name or a life-circle tier, or '' for none. */
export function subjectLabel(subject: string | null, types: TypeNames, language: 'zh' | 'en', t: T): string {
  if (subject === null) return ''
  if (subject.startsWith('tier:')) {
    return tierLabel(subject.slice(5), t)
  }
  const type = types.get(subject)
  return type ? (language === 'zh' ? type.nameZh : type.nameEn) : subject
}

/** e.g. "覆盖率 · 幼儿园", "Community workers per 10,000 residents". */
export function indicatorLabel(info: IndicatorInfo, types: TypeNames, language: 'zh' | 'en', t: T): string {
  const measure = t(measureLabelKey(info.measure))
  const subject = subjectLabel(info.subject, types, language, t)
  return subject ? `${measure} · ${subject}` : measure
}

/** A value in its unit: shares as %, metres rounded, others with one or two decimals. */
export function formatIndicator(
  value: number | null | undefined,
  unit: IndicatorInfo['unit'],
  formatNumber: (v: number, digits?: number) => string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  if (unit === 'share') return `${formatNumber(value * 100, 1)}%`
  if (unit === 'm') return `${formatNumber(value, 0)} m`
  if (unit === 'supply_per_1000_residents') return formatNumber(value, 2)
  return formatNumber(value, 1)
}
