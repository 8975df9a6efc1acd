import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { applyInputPolicy, checkPlainValues, INT4_MAX, plainFields, plainTextProblem } from './input-policy'

describe('applyInputPolicy', () => {
  const schema = () => ({
    type: 'object',
    properties: {
      id: { type: 'integer', minimum: 1 },
      name: { type: 'string' },
      author: { type: 'string', pattern: '\\S', maxLength: 100 },
      code: { type: 'string', pattern: '^[0-9]{9}$' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  })
  const validate = () => {
    const s = schema()
    applyInputPolicy(s)
    return new Ajv({ strictNumbers: true }).compile(s)
  }

  it('bounds integers by the int4 range where the schema names no bound', () => {
    const s = schema()
    applyInputPolicy(s)
    expect(s.properties.id).toEqual({ type: 'integer', minimum: 1, maximum: INT4_MAX })
    expect(validate()({ id: 2 ** 31 })).toBe(false)
    expect(validate()({ id: 2 ** 31 - 1 })).toBe(true)
  })

  it('refuses control characters in any text, even under a loose pattern, and bounds its length', () => {
    const ok = validate()
    expect(ok({ name: 'Zhang San 张三\n', author: 'a', tags: ['x\ty'] })).toBe(true)
    expect(ok({ name: 'a\u0000b' })).toBe(false)
    expect(ok({ author: 'a\u0000b' })).toBe(false)
    expect(ok({ tags: ['\u001b[31m'] })).toBe(false)
    expect(ok({ name: 'x'.repeat(2001) })).toBe(false)
    expect(ok({ code: '120116001' })).toBe(true)
  })

  it('is idempotent', () => {
    const s = schema()
    applyInputPolicy(s)
    const once = JSON.stringify(s)
    applyInputPolicy(s)
    expect(JSON.stringify(s)).toBe(once)
  })
})

describe('plain query and path values', () => {
  it('takes plain decimal integers only', () => {
    for (const good of ['0', '42', '-3', '9007199254740991']) expect(plainTextProblem('integer', good)).toBeUndefined()
    for (const bad of ['', ' ', 'Infinity', '1e309', '1e3', '0x7fffffff', '+1', '1.0', '9999999999999999999999'])
      expect(plainTextProblem('integer', bad), bad).toMatch(/plain decimal integer/)
  })

  it('takes plain decimals and true/false', () => {
    expect(plainTextProblem('number', '38.95')).toBeUndefined()
    expect(plainTextProblem('number', 'NaN')).toMatch(/plain decimal/)
    expect(plainTextProblem('boolean', 'true')).toBeUndefined()
    expect(plainTextProblem('boolean', '')).toMatch(/true or false/)
  })

  it('names the parameter and the value', () => {
    const fields = plainFields({ type: 'object', properties: { limit: { type: 'integer' }, q: { type: 'string' } } })
    expect([...fields]).toEqual([['limit', 'integer']])
    expect(checkPlainValues('query', fields, { limit: ' ', q: 'x' })).toBe(
      'query parameter "limit" must be a plain decimal integer (digits only, e.g. 42), got " "',
    )
    expect(checkPlainValues('query', fields, { limit: '10' })).toBeUndefined()
  })
})
