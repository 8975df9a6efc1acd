import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeText, guessEncoding, looksGarbled, parseEncoding } from './text-encoding'

// fixtures: the same two-line table in UTF-8 and in GB18030 (`iconv -f utf-8 -t gb18030`)
const utf8 = new Uint8Array(readFileSync(new URL('./fixtures/units-utf8.csv', import.meta.url)))
const gbk = new Uint8Array(readFileSync(new URL('./fixtures/units-gbk.csv', import.meta.url)))
const text = '名称,户数\n滨海新区塘沽街道金湾花园,312\n'

describe('guessEncoding', () => {
  it('reads GBK bytes with no hint as GB18030, and UTF-8 bytes as UTF-8', () => {
    expect(guessEncoding(gbk)).toEqual({ encoding: 'gb18030', source: 'content' })
    expect(guessEncoding(utf8)).toEqual({ encoding: 'utf-8', source: 'content' })
    expect(decodeText(gbk, 'gb18030')).toBe(text)
    expect(decodeText(utf8, 'utf-8')).toBe(text)
  })

  it('lets a .cpg or the DBF language driver decide', () => {
    expect(guessEncoding(utf8, { cpg: 'GBK' })).toEqual({ encoding: 'gb18030', source: 'cpg' })
    expect(guessEncoding(gbk, { cpg: ' UTF-8\r\n' })).toEqual({ encoding: 'utf-8', source: 'cpg' })
    expect(guessEncoding(utf8, { dbfLanguageDriver: 0x4d })).toEqual({ encoding: 'gb18030', source: 'dbf' })
    expect(guessEncoding(gbk, { dbfLanguageDriver: 0x57 }).encoding).toBe('gb18030')
  })

  it('refuses an encoding it does not decode, naming it', () => {
    expect(parseEncoding('936')).toBe('gb18030')
    expect(() => parseEncoding('Big5')).toThrow(/unsupported text encoding "Big5"/)
  })
})

describe('looksGarbled', () => {
  it('catches GBK read as UTF-8 and UTF-8 read as Latin-1, not clean names', () => {
    expect(looksGarbled(decodeText(gbk, 'utf-8'))).toBe(true)
    expect(looksGarbled(new TextDecoder('latin1').decode(utf8))).toBe(true)
    expect(looksGarbled(text)).toBe(false)
    expect(looksGarbled('Café TEDA 泰达')).toBe(false)
  })
})
