// Looks a key up in a dictionary and fills `{name}` placeholders. Pure; React code reaches it via use-i18n.
import { DICTIONARIES, type Language, type MessageKey } from './dictionaries'

export type MessageParams = Record<string, string | number>

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[language][key] ?? DICTIONARIES.zh[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** The `{name}` placeholders a template uses, sorted (for the completeness test). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
}
