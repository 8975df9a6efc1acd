// A readable, translated message for any error the API client throws.
import type { MessageKey } from '../i18n/dictionaries'
import type { MessageParams } from '../i18n/translate'
import { ApiError } from './client'

export function describeApiError(error: Error, t: (key: MessageKey, params?: MessageParams) => string): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return t('error.network', { url: error.url })
    if (error.kind === 'bad-json') return t('error.badJson', { url: error.url })
    if (error.status === 401) return t('error.signedOut', { message: error.message })
    if (error.code === 'OUTSIDE_STREETS') return t('error.outsideStreets', { message: error.message })
    if (error.status === 403) return t('error.forbidden', { message: error.message })
    return t('error.http', { status: error.status ?? '?', message: error.message })
  }
  return error.message || String(error)
}
