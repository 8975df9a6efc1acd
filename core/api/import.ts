// The import contract (issue 9): upload a file, see what was found, dry-run it against a target
// layer with a column mapping, CRS and encoding, preview, commit as one revision, roll back.
// Shared by the server's routes (server/modules/import/), the CLI (server/cli/import.ts) and the
// browser wizard (web/src/features/import/).
import { type Static, Type } from 'typebox'

/** Largest file an upload accepts (bytes); a larger body is answered 413 before it is read. */
export const IMPORT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
/** Largest total a zip may unpack to (bytes); more is refused as a zip bomb. */
export const IMPORT_MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
/** Sample rows answered per source layer, for the preview of names and the mapping. */
export const IMPORT_SAMPLE_ROWS = 20

export const ImportLayerId = Type.Union(
  [
    Type.Literal('streets'),
    Type.Literal('communities'),
    Type.Literal('units'),
    Type.Literal('buildings'),
    Type.Literal('counts'),
    Type.Literal('workers'),
    Type.Literal('grids'),
    Type.Literal('facilities'),
    Type.Literal('walk_network'),
  ],
  { description: 'target layer (core/import/layers.ts), in the order a district is loaded' },
)
export type ImportLayerId = Static<typeof ImportLayerId>

export const ImportFormat = Type.Union([
  Type.Literal('shapefile'),
  Type.Literal('geojson'),
  Type.Literal('csv'),
  Type.Literal('xlsx'),
  Type.Literal('flatgeobuf'),
  Type.Literal('geopackage'),
  Type.Literal('osm'),
])
export type ImportFormat = Static<typeof ImportFormat>

export const TextEncodingId = Type.Union([Type.Literal('utf-8'), Type.Literal('gb18030')], {
  description: 'attribute text encoding: UTF-8 or GBK/GB18030',
})

export const ImportStatus = Type.Union([
  Type.Literal('uploaded'),
  Type.Literal('validating'),
  Type.Literal('validated'),
  Type.Literal('committing'),
  Type.Literal('committed'),
  Type.Literal('rolled_back'),
  Type.Literal('failed'),
])
export type ImportStatus = Static<typeof ImportStatus>

/** A cell as read from the file (text already decoded; formulas neutralised to text). */
export const ImportCell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])

export const ColumnMapping = Type.Object(
  {
    /** target field id → source header, or null when not mapped */
    fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
    /** where a table's geometry is: lng/lat columns, a WKT column, or null (the file's own geometry) */
    coordinates: Type.Union([
      Type.Object({ kind: Type.Literal('lnglat'), x: Type.String(), y: Type.String() }),
      Type.Object({ kind: Type.Literal('wkt'), column: Type.String() }),
      Type.Null(),
    ]),
    /** accepted and ignored, so a guess from the upload answer can be sent back as it is */
    personal: Type.Optional(Type.Array(Type.String())),
    unmapped: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
)
export type ColumnMapping = Static<typeof ColumnMapping>

export const ColumnGuessBody = Type.Object({
  fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
  coordinates: ColumnMapping.properties.coordinates,
  /** headers holding personal data (names, ID and phone numbers): dropped before anything is stored */
  personal: Type.Array(Type.String()),
  unmapped: Type.Array(Type.String()),
})

export const SourceLayer = Type.Object({
  /** the layer's name in the file (a shapefile's base name, a sheet, "features") */
  name: Type.String(),
  geometryType: Type.Union([
    Type.Literal('point'),
    Type.Literal('polygon'),
    Type.Literal('line'),
    Type.Literal('none'),
    Type.Literal('mixed'),
  ]),
  featureCount: Type.Integer(),
  headers: Type.Array(Type.String()),
  /** up to IMPORT_SAMPLE_ROWS rows, decoded with the guessed encoding */
  sample: Type.Array(Type.Record(Type.String(), ImportCell)),
  crs: Type.Object({
    /** the CRS code (core/geo/crs.ts) or null when it must be declared */
    code: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Literal('prj'), Type.Literal('file'), Type.Literal('content'), Type.Literal('none')]),
    reason: Type.String(),
  }),
  encoding: Type.Object({
    encoding: TextEncodingId,
    source: Type.Union([Type.Literal('declared'), Type.Literal('cpg'), Type.Literal('dbf'), Type.Literal('content')]),
    /** some sample text looks garbled with this encoding: ask the user */
    garbled: Type.Boolean(),
  }),
  /** [minX, minY, maxX, maxY] of the coordinates as they are in the file, or null */
  extent: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
  /** a column-mapping guess for every target layer */
  guesses: Type.Record(Type.String(), ColumnGuessBody),
  /** the target layer that fits best, by mapped required fields and geometry */
  suggestedTarget: Type.Union([ImportLayerId, Type.Null()]),
})
export type SourceLayer = Static<typeof SourceLayer>

/** The language of messages, actions and notices (else Accept-Language; problems.csv: Chinese) */
export const ImportLang = Type.Union([Type.Literal('zh'), Type.Literal('en')])
export const ImportLangQuery = Type.Object({ lang: Type.Optional(ImportLang) }, { additionalProperties: false })

export const ImportUploadQuery = Type.Object(
  {
    filename: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'the file name; its extension picks the reader',
    }),
    lang: Type.Optional(ImportLang),
  },
  { additionalProperties: false },
)

export const ImportUploadResult = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  format: ImportFormat,
  sizeBytes: Type.Integer(),
  layers: Type.Array(SourceLayer),
  /** things the user should know (formula cells neutralised, personal columns found, files ignored) */
  notices: Type.Array(Type.String()),
})
export type ImportUploadResult = Static<typeof ImportUploadResult>

export const ImportTolerances = Type.Object(
  {
    /** how far (m) a unit may stick out of its community, a community out of its street */
    containmentM: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, default: 5 })),
    /** gaps and overlaps between neighbours thinner than this (m) are snapped away (ADR 18) */
    sliverM: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 1 })),
  },
  { additionalProperties: false },
)

export const DryRunRequest = Type.Object(
  {
    /** the source layer's name (from the upload answer); the first layer when omitted */
    sourceLayer: Type.Optional(Type.String()),
    target: ImportLayerId,
    mapping: ColumnMapping,
    /** the source CRS: needed when the upload found none, overrides what it found */
    crs: Type.String({ description: 'EPSG:4326, EPSG:4490, EPSG:3857, EPSG:4513–4554, GCJ-02 or BD-09' }),
    encoding: Type.Optional(TextEncodingId),
    tolerances: Type.Optional(ImportTolerances),
  },
  { additionalProperties: false },
)
export type DryRunRequest = Static<typeof DryRunRequest>

export const ImportProblem = Type.Object({
  /** 1-based row (feature) number in the source layer; 0 for the file as a whole */
  row: Type.Integer(),
  /** the row's code, when it has one */
  key: Type.Union([Type.String(), Type.Null()]),
  code: Type.String({ description: 'e.g. BAD_CODE, DUPLICATE_CODE, NEGATIVE_COUNT, INVALID_GEOMETRY' }),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  /** what is wrong */
  message: Type.String(),
  /** what would be done: "row skipped", "geometry repaired", "snapped", … */
  action: Type.String(),
  /** the values the message is worded from (the message in the other language is made of them) */
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  /** what would be done, as a code (ROW_SKIPPED, REPAIRED, TRIMMED, …) */
  actionCode: Type.Optional(Type.String()),
  actionParams: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
})
export type ImportProblem = Static<typeof ImportProblem>

export const ImportCounts = Type.Object({
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  unchanged: Type.Integer(),
  /** rows refused by a check (error problems) */
  rejected: Type.Integer(),
})
export type ImportCounts = Static<typeof ImportCounts>

export const FigureChange = Type.Object({
  code: Type.String(),
  name: Type.String(),
  before: Type.Integer(),
  after: Type.Integer(),
})

export const ImportFigures = Type.Object({
  households: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  residents: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  /** households per community where they would change */
  communities: Type.Array(FigureChange),
  /** households per current grid where they would change */
  grids: Type.Array(FigureChange),
  gridsOutOfBand: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  /** grid coverage: households in units that belong to no grid */
  householdsOutsideGrids: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  /** units split between grids (largest share listed) and grids that are not whole units: for the editor */
  unitsSplitBetweenGrids: Type.Array(Type.String()),
  /** grids imports: the file's grids that cut through a unit (not whole units), for the editor */
  gridsNotWholeUnits: Type.Array(Type.String()),
})
export type ImportFigures = Static<typeof ImportFigures>

export const DryRunResult = Type.Object({
  id: Type.Integer(),
  target: ImportLayerId,
  crs: Type.String(),
  counts: ImportCounts,
  /** the first 1,000 problems; all of them in problems.csv */
  problems: Type.Array(ImportProblem),
  problemCount: Type.Integer(),
  figures: ImportFigures,
  notices: Type.Array(Type.String()),
  /** false when an error leaves nothing to write, or the target's parent layer is missing */
  canCommit: Type.Boolean(),
})
export type DryRunResult = Static<typeof DryRunResult>

/** What a running dry run or commit is doing (the wizard and the CLI show it beside the progress). */
export const ImportStage = Type.Union(
  [
    Type.Literal('reading'),
    Type.Literal('rows'),
    Type.Literal('parents'),
    Type.Literal('geometry'),
    Type.Literal('removed'),
    Type.Literal('figures'),
    Type.Literal('writing'),
  ],
  {
    description:
      'reading the file, checking rows (per batch), parents, geometry in PostGIS (per batch), rows no longer in the file, figures, writing',
  },
)
export type ImportStage = Static<typeof ImportStage>

export const ImportSummary = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  format: ImportFormat,
  status: ImportStatus,
  /** 0–1 while validating or committing */
  progress: Type.Number(),
  /** what it is doing while validating or committing, else null */
  stage: Type.Union([ImportStage, Type.Null()]),
  target: Type.Union([ImportLayerId, Type.Null()]),
  crs: Type.Union([Type.String(), Type.Null()]),
  counts: Type.Union([ImportCounts, Type.Null()]),
  problemCount: Type.Integer(),
  author: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  committedAt: Type.Union([Type.String(), Type.Null()]),
  rolledBackAt: Type.Union([Type.String(), Type.Null()]),
  /** the revision the commit wrote */
  revisionId: Type.Union([Type.Integer(), Type.Null()]),
  /** a failure's message */
  message: Type.Union([Type.String(), Type.Null()]),
})
export type ImportSummary = Static<typeof ImportSummary>

export const ImportList = Type.Array(ImportSummary)

export const CommitRequest = Type.Object(
  {
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'ignored: the signed-in user' })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type CommitRequest = Static<typeof CommitRequest>

export const CommitResult = Type.Object({
  id: Type.Integer(),
  status: ImportStatus,
  revisionId: Type.Integer(),
  counts: ImportCounts,
})
export type CommitResult = Static<typeof CommitResult>

export const RollbackRequest = CommitRequest
export type RollbackRequest = CommitRequest

/** The preview's features: the rows in WGS84 with what the commit would do to each. */
export interface ImportPreviewProperties {
  row: number
  code: string | null
  name: string | null
  /** `rejected`: a row a check refused, drawn where it would land (a wrong CRS shows as a shifted copy) */
  status: 'added' | 'changed' | 'removed' | 'unchanged' | 'rejected'
  households: number | null
  /** rejected rows: the code of the check that refused the row; removed rows: NOT_IN_FILE */
  problem: string | null
  /** what that check said (English; the wizard words it from `problem` and `params` in its language) */
  reason: string | null
}
