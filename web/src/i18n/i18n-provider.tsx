// React access to the dictionaries: the current language, a `t` bound to it, number formatting.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { type Language, LOCALES, type MessageKey } from './dictionaries'
import { loadLanguage, saveLanguage } from './language-store'
import { type MessageParams, translate } from './translate'

export interface I18n {
  language: Language
  setLanguage: (language: Language) => void
  t: (key: MessageKey, params?: MessageParams) => string
  /** locale-aware number, e.g. 12,345 */
  formatNumber: (value: number, fractionDigits?: number) => string
  /** signed percentage of a fraction, e.g. 0.123 → +12.3% */
  formatSignedPercent: (fraction: number) => string
  /** a moment as date and time in the district's time zone (Asia/Shanghai), wherever the browser is */
  formatDateTime: (at: string | number | Date) => string
}

const I18nContext = createContext<I18n | null>(null)

const browserStorage = (): Storage | undefined => {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    loadLanguage(browserStorage(), globalThis.location?.search ?? ''),
  )

  const setLanguage = useCallback((next: Language) => {
    saveLanguage(browserStorage(), next)
    setLanguageState(next)
  }, [])

  useEffect(() => {
    document.documentElement.lang = LOCALES[language]
    document.title = `${translate(language, 'app.title')} · ${translate(language, 'app.subtitle')}`
  }, [language])

  const value = useMemo<I18n>(() => {
    const formatters = new Map<number, Intl.NumberFormat>()
    const signedPercent = new Intl.NumberFormat(LOCALES[language], {
      style: 'percent',
      signDisplay: 'exceptZero',
      maximumFractionDigits: 1,
    })
    const dateTime = new Intl.DateTimeFormat(LOCALES[language], {
      dateStyle: 'medium',
      timeStyle: 'medium',
      hour12: false,
      timeZone: 'Asia/Shanghai',
    })
    return {
      language,
      setLanguage,
      formatDateTime: (at) => dateTime.format(new Date(at)),
      t: (key, params) => translate(language, key, params),
      formatNumber: (value, fractionDigits = 0) => {
        let formatter = formatters.get(fractionDigits)
        if (!formatter) {
          formatter = new Intl.NumberFormat(LOCALES[language], {
            minimumFractionDigits: fractionDigits,
            maximumFractionDigits: fractionDigits,
          })
          formatters.set(fractionDigits, formatter)
        }
        return formatter.format(value)
      },
      formatSignedPercent: (fraction) => signedPercent.format(fraction),
    }
  }, [language, setLanguage])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext)
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>')
  return i18n
}
