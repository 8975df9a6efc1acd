// The standards in force (the `settings` table): read by everything that judges a figure against
// a norm, changed through PUT /api/settings. core/domain/settings reads them into `Norms`.
import { type Static, Type } from 'typebox'

/** Every row of the settings table, key → value (numbers, or JSON for structured settings). */
export const Settings = Type.Record(Type.String(), Type.Unknown(), {
  description: 'the standards in force, e.g. {"grid.household_target": 300, "grid.household_tolerance": 0.2, …}',
})
export type Settings = Record<string, unknown>

/** The norms a deployment may change; any other key is refused (400), as is a value out of range. */
export const SettingsUpdate = Type.Object(
  {
    'grid.household_target': Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100000, description: 'households per grid (原则上覆盖300户左右)' }),
    ),
    'grid.household_tolerance': Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        description: 'allowed deviation from the target as a share (0.2 → 240–360 for 300)',
      }),
    ),
    'facility.floor_area_m2_per_100_households': Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'service floor area per 100 households, m²' }),
    ),
    'staffing.workers_per_10k_urban': Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 10000,
        description: 'community workers per 10,000 residents, at least',
      }),
    ),
    'auth.analysts_may_plan': Type.Optional(
      Type.Boolean({ description: 'analysts may add and change planned facilities (administrator’s toggle)' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type SettingsUpdate = Static<typeof SettingsUpdate>
