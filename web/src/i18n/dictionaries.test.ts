import { describe, expect, it } from 'vitest'
import { DICTIONARIES, en, LANGUAGES, type MessageKey, zh } from './dictionaries'
import { LANGUAGE_STORAGE_KEY, loadLanguage, saveLanguage } from './language-store'
import { placeholdersOf, translate } from './translate'

const keys = Object.keys(zh) as MessageKey[]

describe('i18n dictionaries', () => {
  it('has every key in every language, non-empty, and no extra keys', () => {
    for (const language of LANGUAGES) {
      const dictionary = DICTIONARIES[language]
      expect(Object.keys(dictionary).sort(), language).toEqual([...keys].sort())
      for (const key of keys) expect(dictionary[key].trim(), `${language}:${key}`).not.toBe('')
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) expect(placeholdersOf(en[key]), key).toEqual(placeholdersOf(zh[key]))
  })

  it('keeps Chinese labels Chinese (no untranslated English copied over)', () => {
    const allowedSame = new Set<MessageKey>(['lang.zh', 'lang.en', 'panel.unknown', 'unit.percent'])
    const same = keys.filter((k) => !allowedSame.has(k) && zh[k] === en[k] && !zh[k].startsWith('https'))
    expect(same).toEqual([])
  })
})

describe('translate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('zh', 'legend.band', { low: 240, high: 360, target: 300, percent: 20 })).toBe(
      '240–360 户为达标区间（300 户 ±20%）',
    )
    expect(translate('en', 'unit.households', {})).toBe('{n} households')
  })
})

describe('language store', () => {
  const memory = () => {
    const map = new Map<string, string>()
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => map.set(k, v) }
  }

  it('defaults to Chinese and remembers the choice', () => {
    const storage = memory()
    expect(loadLanguage(storage)).toBe('zh')
    saveLanguage(storage, 'en')
    expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en')
    expect(loadLanguage(storage)).toBe('en')
  })

  it('lets ?lang= override, ignores junk and throwing storage', () => {
    expect(loadLanguage(memory(), '?lang=en')).toBe('en')
    expect(loadLanguage({ getItem: () => 'fr' })).toBe('zh')
    expect(
      loadLanguage({
        getItem: () => {
          throw new Error('denied')
        },
      }),
    ).toBe('zh')
  })
})
