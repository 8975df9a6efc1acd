import { LANGUAGES } from '../i18n/dictionaries'
import { useI18n } from '../i18n/i18n-provider'

/** 中文 / English, as a pair of toggle buttons (keyboard: Tab + Enter/Space). */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <fieldset className="language-switch" aria-label={t('lang.switch')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={language === lang}
          data-testid={`lang-${lang}`}
          onClick={() => setLanguage(lang)}
        >
          {t(`lang.${lang}`)}
        </button>
      ))}
    </fieldset>
  )
}
