// The text encoding of attribute data. Chinese shapefiles often carry GBK (GB2312, GB18030) text
// with no .cpg beside them; a wrong guess garbles every name, so the preview shows the names and
// the user can override. Decoding uses the platform's TextDecoder (gb18030 reads GBK and GB2312).
//   1. a .cpg file decides (UTF-8, 65001, GBK, 936, GB2312, GB18030);
//   2. else the DBF's language-driver byte, when it names code page 936;
//   3. else the bytes: pure ASCII or valid UTF-8 is UTF-8, anything else is read as GB18030.

export type TextEncodingId = 'utf-8' | 'gb18030'

export interface EncodingGuess {
  encoding: TextEncodingId
  /** how it was decided, for the preview */
  source: 'declared' | 'cpg' | 'dbf' | 'content'
}

const CPG: Record<string, TextEncodingId> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  gbk: 'gb18030',
  '936': 'gb18030',
  cp936: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  '54936': 'gb18030',
}

/** Reads a declared or .cpg encoding name; throws naming it when it is not one we decode. */
export function parseEncoding(name: string): TextEncodingId {
  const id =
    CPG[
      name
        .trim()
        .toLowerCase()
        .replace(/^ansi\s*/, '')
    ]
  if (!id) throw new Error(`unsupported text encoding "${name.trim()}": use UTF-8 or GBK/GB18030`)
  return id
}

const DBF_LDID_GBK = 0x4d // language driver 0x4D: code page 936, simplified Chinese

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

export function guessEncoding(
  bytes: Uint8Array,
  hints: { cpg?: string; dbfLanguageDriver?: number } = {},
): EncodingGuess {
  if (hints.cpg?.trim()) return { encoding: parseEncoding(hints.cpg), source: 'cpg' }
  if (hints.dbfLanguageDriver === DBF_LDID_GBK) return { encoding: 'gb18030', source: 'dbf' }
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'gb18030', source: 'content' }
}

export function decodeText(bytes: Uint8Array, encoding: TextEncodingId): string {
  return new TextDecoder(encoding).decode(bytes)
}

/**
 * True when text shows the marks of a wrong decoding: replacement characters, or the Latin-1
 * letters and box-drawing symbols that GBK or UTF-8 bytes turn into when read as another code page.
 */
export function looksGarbled(text: string): boolean {
  return /\uFFFD|[\u00C0-\u00FF][\u0080-\u00BF]|[\u2500-\u257F]{2}|锟斤拷|烫烫/u.test(text)
}
