// HTTP Range (RFC 9110 §14) for downloads: one `bytes=` range of a body of known length.

export type RangeAnswer =
  | { kind: 'whole' } // no range, several ranges or a range in another unit: the whole body (200)
  | { kind: 'part'; start: number; end: number } // 206, end inclusive
  | { kind: 'unsatisfiable' } // 416

/** What to send for a Range header over a body of `length` bytes. */
export function byteRange(header: string | undefined, length: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' }
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' }
  const [first, last] = [match[1], match[2]]
  if (first === '') {
    const suffix = Number(last) // the last N bytes
    if (suffix === 0 || length === 0) return { kind: 'unsatisfiable' }
    return { kind: 'part', start: Math.max(0, length - suffix), end: length - 1 }
  }
  const start = Number(first)
  const end = last === '' ? length - 1 : Math.min(Number(last), length - 1)
  if (start >= length || (last !== '' && Number(last) < start)) return { kind: 'unsatisfiable' }
  return { kind: 'part', start, end }
}
