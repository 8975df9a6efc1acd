import { describe, expect, it } from 'vitest'
import { checkEmbeddedCapacity, EMBEDDED_CITY_MAX_SCALE, EmbeddedCapacityError } from './embedded-capacity'

describe('checkEmbeddedCapacity', () => {
  it('refuses the full city on PGlite with a message pointing to DATABASE_URL', () => {
    expect(() => checkEmbeddedCapacity('pglite', 'tianjin', 1)).toThrow(/DATABASE_URL=postgres:\/\/.*--region tianjin/)
    expect(() => checkEmbeddedCapacity('pglite', 'tianjin', 1)).toThrow(EmbeddedCapacityError)
  })

  it('lets the city through on a server, a small city on PGlite, and Binhai anywhere', () => {
    expect(() => checkEmbeddedCapacity('postgres', 'tianjin', 1)).not.toThrow()
    expect(() => checkEmbeddedCapacity('pglite', 'tianjin', EMBEDDED_CITY_MAX_SCALE)).not.toThrow()
    expect(() => checkEmbeddedCapacity('pglite', 'binhai', 1)).not.toThrow()
  })
})
