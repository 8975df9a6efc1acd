// The language choice, persisted in localStorage under `wangge.language`. Chinese by default;
// `?lang=en` in the URL overrides once (handy for screenshots and tests).
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './dictionaries'

export const LANGUAGE_STORAGE_KEY = 'wangge.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Reads the saved language; storage that throws (private mode, sandbox) falls back to the default. */
export function loadLanguage(storage: Pick<Storage, 'getItem'> | undefined, search = ''): Language {
  const fromUrl = new URLSearchParams(search).get('lang')
  if (isLanguage(fromUrl)) return fromUrl
  try {
    const saved = storage?.getItem(LANGUAGE_STORAGE_KEY)
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

export function saveLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}
