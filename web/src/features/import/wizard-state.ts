// The import wizard's choices and what follows from them, pure: the first choices from what the
// upload found (the server's guesses), changing the target layer or one column, what is still
// missing before a dry run, the dry-run request, and the names to check for a wrong encoding.
import type { ColumnMapping, DryRunRequest, ImportLayerId, ImportUploadResult, SourceLayer } from '../../../../core/api'
import { IMPORT_LAYERS, importLayer } from '../../../../core/import/layers'
import { looksGarbled } from '../../../../core/import/text-encoding'

export type TextEncoding = 'utf-8' | 'gb18030'

export interface WizardChoices {
  /** the source layer's name in the file */
  sourceLayer: string
  target: ImportLayerId
  mapping: ColumnMapping
  /** the source CRS code (core/geo/crs.ts), '' until the user declares one the file does not say */
  crs: string
  encoding: TextEncoding
  /** how far (m) a unit may stick out of its community, a community out of its street */
  containmentM: number
  /** gaps and overlaps thinner than this (m) are snapped away */
  sliverM: number
}

export const DEFAULT_TOLERANCES = { containmentM: 5, sliverM: 1 }

const FALLBACK_TARGET: ImportLayerId = 'units'

export function sourceLayerOf(upload: ImportUploadResult, name: string): SourceLayer {
  return upload.layers.find((l) => l.name === name) ?? upload.layers[0]
}

/** The column mapping the server guessed for `target`, or an empty one. */
export function guessedMapping(layer: SourceLayer, target: ImportLayerId): ColumnMapping {
  const guess = layer.guesses[target]
  const fields: Record<string, string | null> = {}
  for (const field of importLayer(target).fields) fields[field.id] = guess?.fields[field.id] ?? null
  return { fields, coordinates: guess?.coordinates ?? null }
}

/** The first choices: the first source layer, the suggested target and the server's guesses. */
export function initialChoices(upload: ImportUploadResult, sourceName?: string): WizardChoices {
  const layer = sourceLayerOf(upload, sourceName ?? upload.layers[0]?.name ?? '')
  const target = layer.suggestedTarget ?? FALLBACK_TARGET
  return {
    sourceLayer: layer.name,
    target,
    mapping: guessedMapping(layer, target),
    crs: layer.crs.code ?? '',
    encoding: layer.encoding.encoding,
    ...DEFAULT_TOLERANCES,
  }
}

/** Another target layer: the mapping starts again from the server's guess for it. */
export function withTarget(choices: WizardChoices, layer: SourceLayer, target: ImportLayerId): WizardChoices {
  return { ...choices, target, mapping: guessedMapping(layer, target) }
}

/** One field mapped to another header (or to none). */
export function withField(choices: WizardChoices, field: string, header: string | null): WizardChoices {
  return { ...choices, mapping: { ...choices.mapping, fields: { ...choices.mapping.fields, [field]: header } } }
}

export function withCoordinates(choices: WizardChoices, coordinates: ColumnMapping['coordinates']): WizardChoices {
  return { ...choices, mapping: { ...choices.mapping, coordinates } }
}

/** Whether rows of this layer need a geometry, and whether the file gives one of its own. */
export function needsCoordinateColumns(layer: SourceLayer, target: ImportLayerId): boolean {
  return importLayer(target).geometry !== 'none' && layer.geometryType === 'none'
}

export type Missing = { kind: 'field'; field: string } | { kind: 'coordinates' } | { kind: 'crs' }

/** What must still be chosen before a dry run: required fields, coordinate columns, the CRS. */
export function missingChoices(choices: WizardChoices, layer: SourceLayer): Missing[] {
  const missing: Missing[] = importLayer(choices.target)
    .fields.filter((f) => f.required && !choices.mapping.fields[f.id])
    .map((f) => ({ kind: 'field', field: f.id }))
  if (needsCoordinateColumns(layer, choices.target) && !choices.mapping.coordinates)
    missing.push({ kind: 'coordinates' })
  if (importLayer(choices.target).geometry !== 'none' && !choices.crs) missing.push({ kind: 'crs' })
  return missing
}

export function dryRunRequest(choices: WizardChoices): DryRunRequest {
  return {
    sourceLayer: choices.sourceLayer,
    target: choices.target,
    mapping: choices.mapping,
    // a table without geometry still names a CRS: its coordinates are never read
    crs: choices.crs || 'EPSG:4326',
    encoding: choices.encoding,
    tolerances: { containmentM: choices.containmentM, sliverM: choices.sliverM },
  }
}

/** The header holding names for this target (its `name` field, else its code). */
export function nameHeader(choices: WizardChoices): string | null {
  return choices.mapping.fields.name ?? choices.mapping.fields.code ?? null
}

export interface NameSample {
  row: number
  name: string
  garbled: boolean
}

/** The sample rows' names as decoded, each flagged when it looks garbled. */
export function nameSamples(layer: SourceLayer, header: string | null): NameSample[] {
  if (!header) return []
  return layer.sample.map((row, i) => {
    const name = String(row[header] ?? '')
    return { row: i + 1, name, garbled: looksGarbled(name) }
  })
}

/** Personal columns of the source layer for this target: dropped before anything is stored. */
export function personalColumns(layer: SourceLayer, target: ImportLayerId): string[] {
  return layer.guesses[target]?.personal ?? []
}

/** The target layers in loading order (streets first). */
export const TARGETS: readonly ImportLayerId[] = IMPORT_LAYERS.map((l) => l.id)

/**
 * The names to check for a wrong encoding: the dry run's rows when it ran with the chosen encoding,
 * else the upload's sample when that was decoded with it; `stale` when neither was (the next dry
 * run decodes them again).
 */
export function namesToCheck(
  layer: SourceLayer,
  choices: WizardChoices,
  lastRun: { encoding: TextEncoding; names: (string | null)[] } | null,
  limit = 20,
): { names: NameSample[]; stale: boolean } {
  if (lastRun && lastRun.encoding === choices.encoding) {
    const names = lastRun.names
      .slice(0, limit)
      .map((name, i) => ({ row: i + 1, name: name ?? '', garbled: looksGarbled(name ?? '') }))
    return { names, stale: false }
  }
  const stale = layer.encoding.encoding !== choices.encoding
  return { names: nameSamples(layer, nameHeader(choices)).slice(0, limit), stale }
}
