// The one strict input policy of the API (ADR 17), applied by the schema layer to every route
// (server/plugins/validation.ts): the route schemas are tightened here before they are compiled,
// and query/path values are checked as text before ajv turns them into numbers.
//
// - integers: within the declared minimum/maximum, and within the int4 range when none is
//   declared (every id and count in the database is an int4); from a query or a path only a plain
//   decimal integer ("12", "-3"), never "1e3", "0x7f", " ", "Infinity" or "9999999999999999999999";
// - numbers: finite; from a query or a path only plain decimals ("38.9", "-0.5");
// - booleans: from a query only "true" or "false";
// - text: no control characters (NUL, ESC, DEL …; tab, line feed and carriage return are fine),
//   and a bounded length when the schema names none;
// - JSON bodies are never coerced: a number given as a string is refused (the ajv for bodies has
//   coerceTypes off and strictNumbers on).

export const INT4_MIN = -2147483648
export const INT4_MAX = 2147483647
/** The longest text any string parameter or body field takes unless its schema says otherwise. */
export const DEFAULT_MAX_LENGTH = 2000
/** Any text without C0 control characters other than tab, LF and CR, and without DEL or C1 controls. */
export const PLAIN_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$'

/** An anchored pattern of letters, digits and classes of them only (no ., \S, [^…]): no control character fits it. */
const SAFE_PATTERN = /^\^[A-Za-z0-9_[\]{}(),|?*+-]*\$$/

type Schema = Record<string, unknown>
const isSchema = (s: unknown): s is Schema => typeof s === 'object' && s !== null && !Array.isArray(s)

const typesOf = (s: Schema): string[] =>
  Array.isArray(s.type) ? (s.type as string[]) : s.type ? [s.type as string] : []

/**
 * Tightens a request schema in place by the policy (idempotent; shared sub-schemas are visited
 * once): integers get the int4 range where no bound is declared, free strings the plain-text
 * pattern and the default length bound.
 */
export function applyInputPolicy(schema: unknown, seen = new Set<unknown>()): void {
  if (!isSchema(schema) || seen.has(schema)) return
  seen.add(schema)
  const types = typesOf(schema)
  if (types.includes('integer')) {
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) schema.maximum = INT4_MAX
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) schema.minimum = INT4_MIN
  }
  if (types.includes('string')) {
    const constrained = schema.enum !== undefined || schema.const !== undefined || schema.format !== undefined
    if (schema.pattern === undefined && !constrained) schema.pattern = PLAIN_TEXT_PATTERN
    else if (
      typeof schema.pattern === 'string' &&
      schema.pattern !== PLAIN_TEXT_PATTERN &&
      !SAFE_PATTERN.test(schema.pattern)
    ) {
      // a pattern such as \S or .* lets a NUL through: the plain-text pattern must hold as well
      const all = (schema.allOf ?? []) as Schema[]
      if (!all.some((s) => s.pattern === PLAIN_TEXT_PATTERN)) schema.allOf = [...all, { pattern: PLAIN_TEXT_PATTERN }]
    }
    if (schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined)
      schema.maxLength = DEFAULT_MAX_LENGTH
  }
  for (const key of ['items', 'additionalProperties', 'not', 'contains'])
    if (Array.isArray(schema[key])) for (const s of schema[key] as unknown[]) applyInputPolicy(s, seen)
    else applyInputPolicy(schema[key], seen)
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
    if (Array.isArray(schema[key])) for (const s of schema[key] as unknown[]) applyInputPolicy(s, seen)
  for (const key of ['properties', 'patternProperties'])
    if (isSchema(schema[key])) for (const s of Object.values(schema[key] as Schema)) applyInputPolicy(s, seen)
}

export type PlainKind = 'integer' | 'number' | 'boolean'

/** The fields of a query or path schema whose text ajv would turn into a number or a boolean. */
export function plainFields(schema: unknown): Map<string, PlainKind> {
  const fields = new Map<string, PlainKind>()
  const objects = isSchema(schema) ? [schema, ...((schema.anyOf ?? schema.allOf ?? []) as unknown[])] : []
  for (const object of objects) {
    if (!isSchema(object) || !isSchema(object.properties)) continue
    for (const [name, field] of Object.entries(object.properties)) {
      const kind = plainKind(field)
      if (kind) fields.set(name, kind)
    }
  }
  return fields
}

function plainKind(field: unknown): PlainKind | undefined {
  if (!isSchema(field)) return undefined
  if (typesOf(field).includes('array')) return plainKind(field.items)
  const alternatives = [field, ...((field.anyOf ?? field.oneOf ?? []) as unknown[])].filter(isSchema)
  const types = new Set(alternatives.flatMap(typesOf))
  if (types.has('string')) return undefined // text is taken as it is
  if (types.has('integer')) return 'integer'
  if (types.has('number')) return 'number'
  if (types.has('boolean')) return 'boolean'
  return undefined
}

const INTEGER_TEXT = /^-?[0-9]{1,16}$/
const NUMBER_TEXT = /^-?[0-9]{1,16}(\.[0-9]{1,20})?$/

/** Why a query or path text is not a plain value of its kind, or undefined when it is. */
export function plainTextProblem(kind: PlainKind, text: string): string | undefined {
  switch (kind) {
    case 'integer':
      return INTEGER_TEXT.test(text) && Number.isSafeInteger(Number(text))
        ? undefined
        : 'must be a plain decimal integer (digits only, e.g. 42)'
    case 'number':
      return NUMBER_TEXT.test(text) ? undefined : 'must be a plain decimal number (e.g. 38.95)'
    case 'boolean':
      return text === 'true' || text === 'false' ? undefined : 'must be true or false'
  }
}

/** Checks every plain field of a parsed query or path object; the first problem as a sentence. */
export function checkPlainValues(
  part: 'query' | 'path',
  fields: ReadonlyMap<string, PlainKind>,
  values: unknown,
): string | undefined {
  if (!isSchema(values)) return undefined
  for (const [name, kind] of fields) {
    const value = values[name]
    if (value === undefined) continue
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue
      const problem = plainTextProblem(kind, text)
      if (problem) return `${part} parameter "${name}" ${problem}, got ${JSON.stringify(text.slice(0, 40))}`
    }
  }
  return undefined
}
