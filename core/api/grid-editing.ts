// The grid-editing contract: a community's units and adjacency (what the browser's edit session
// is built from), saving an edit (operations + editVersion, optimistic locking), history, revert,
// and proposals. Shared by the server (validation, OpenAPI) and the web client (types).
import { type Static, Type } from 'typebox'
import type { EditOp as DomainEditOp } from '../domain/grids/edit-op'
import { IntId, ProblemMembers } from './common'
import { FeatureCollectionSchema, FeatureSchema, MultiPolygonGeometry } from './geojson'

const LngLat = Type.Tuple([Type.Number(), Type.Number()], { description: '[lng, lat] in EPSG:4326 degrees' })
const GridRef = Type.Integer({
  minimum: -1,
  description: 'an existing grid id, or the key a replay gives a created grid (max existing id + 1, + 2, …)',
})
const UnitIds = Type.Array(IntId, { minItems: 1, maxItems: 5000 })

// ── what an edit session is built from ────────────────────────────────
export const UnitProps = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  households: Type.Integer(),
  residents: Type.Integer(),
  areaM2: Type.Number(),
  perimeterM: Type.Number(),
  centroid: LngLat,
  gridId: Type.Union([Type.Integer(), Type.Null()]),
})
export type UnitProps = Static<typeof UnitProps>
export const UnitFeature = FeatureSchema(MultiPolygonGeometry, UnitProps, Type.Integer())
export type UnitFeature = Static<typeof UnitFeature>

/** The side of a split that keeps the grid's code; without it, the side with more households. */
export const SplitSide = Type.Union([Type.Literal('sideA'), Type.Literal('sideB')], {
  description:
    "the side that keeps the grid's code (sideA: left of a split line); default: the side with more households",
})

export const EditableGrid = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  households: Type.Integer(),
  residents: Type.Integer(),
  unitCount: Type.Integer(),
  validFrom: Type.String(),
})
export type EditableGrid = Static<typeof EditableGrid>

export const GridBand = Type.Object({
  targetHouseholds: Type.Integer(),
  tolerance: Type.Number({ description: 'share of the target, e.g. 0.2 → 240–360 for 300' }),
})
export type GridBand = Static<typeof GridBand>

export const CommunityUnits = Type.Object({
  community: Type.Object({
    code: Type.String(),
    name: Type.String(),
    streetCode: Type.String(),
    households: Type.Integer({ description: 'registered households, which the grids must reconcile to' }),
    residents: Type.Integer(),
    editVersion: Type.Integer({ description: 'send it back with an edit: a stale one gets 409' }),
  }),
  settings: GridBand,
  maxGridSequence: Type.Integer({
    description: 'the highest grid sequence (last 3 digits) ever used in the community: new codes follow it',
  }),
  grids: Type.Array(EditableGrid, { description: 'current grids, including empty ones' }),
  units: FeatureCollectionSchema(UnitFeature),
})
export type CommunityUnits = Static<typeof CommunityUnits>

export const UnitAdjacency = Type.Object({
  communityCode: Type.String(),
  pairs: Type.Array(Type.Tuple([Type.Integer(), Type.Integer(), Type.Number()]), {
    description: '[unit id a, unit id b, shared boundary length in metres], a < b',
  }),
})
export type UnitAdjacency = Static<typeof UnitAdjacency>

// ── saving an edit ────────────────────────────────────────────────────
/** One grid edit operation on the wire: core's `EditOp` with integer unit ids (checked below). */
export const EditOp = Type.Union([
  Type.Object(
    { kind: Type.Literal('moveUnits'), unitIds: UnitIds, toGrid: GridRef },
    { additionalProperties: false, description: 'move whole units to a grid' },
  ),
  Type.Object(
    {
      kind: Type.Literal('moveUnitsInPolygon'),
      ring: Type.Array(Type.Any(), { maxItems: 10000 }),
      toGrid: GridRef,
    },
    { additionalProperties: false, description: 'lasso: units whose centroid lies inside the ring move to the grid' },
  ),
  Type.Object({ kind: Type.Literal('createGrid') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('mergeGrids'), into: GridRef, from: GridRef },
    { additionalProperties: false, description: 'two adjacent grids become one new grid' },
  ),
  Type.Object(
    { kind: Type.Literal('deleteGrid'), grid: GridRef },
    { additionalProperties: false, description: 'delete an empty grid' },
  ),
  Type.Object(
    {
      kind: Type.Literal('splitByAssignment'),
      grid: GridRef,
      sideA: UnitIds,
      sideB: UnitIds,
      codeOn: Type.Optional(SplitSide),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('splitByLine'),
      grid: GridRef,
      line: Type.Array(Type.Any(), { maxItems: 10000 }),
      codeOn: Type.Optional(SplitSide),
    },
    {
      additionalProperties: false,
      description: 'units of the grid left of the drawn line stay together, those right of it form the other part',
    },
  ),
])
export type EditOp = DomainEditOp<number>
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** The schema and core's operation type are one vocabulary: this fails to compile when they drift. */
const schemaIsTheEditOp: Same<Static<typeof EditOp>, EditOp> = true
void schemaIsTheEditOp

export const EditRequest = Type.Object(
  {
    editVersion: Type.Integer({ minimum: 1 }),
    author: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '\\S',
        description: 'ignored: the revision’s author is the signed-in user',
      }),
    ),
    reason: Type.String({ maxLength: 500 }),
    ops: Type.Array(EditOp, { minItems: 1, maxItems: 2000 }),
  },
  { additionalProperties: false },
)
export type EditRequest = Static<typeof EditRequest>

export const GridVersionSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  households: Type.Integer(),
  residents: Type.Integer(),
  unitCount: Type.Integer(),
  deviation: Type.Number(),
  inBand: Type.Boolean(),
  parentIds: Type.Array(Type.Integer()),
})
export type GridVersionSummary = Static<typeof GridVersionSummary>

export const EditWarning = Type.Object({
  code: Type.String({ description: 'UNASSIGNED_UNITS | OUT_OF_BAND | MULTI_PIECE | EMPTY_GRID | NOT_RECONCILED' }),
  message: Type.String(),
  gridId: Type.Optional(Type.Integer()),
})
export type EditWarning = Static<typeof EditWarning>

export const EditResult = Type.Object({
  revisionId: Type.Integer(),
  editVersion: Type.Integer(),
  changedGridIds: Type.Array(Type.Integer()),
  created: Type.Array(GridVersionSummary),
  retired: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String() }), {
    description: "grid rows retired; a split or merge may hand a retired row's code on to a created one",
  }),
  codesRetired: Type.Array(Type.String(), { description: 'grid codes that end with this edit' }),
  codesCreated: Type.Array(Type.String(), {
    description: 'grid codes that start with this edit (new ones, or restored by a revert)',
  }),
  grids: Type.Array(GridVersionSummary, { description: 'the changed grids that are current after the edit' }),
  householdsBefore: Type.Integer({ description: 'Σ households over the community grids before' }),
  householdsAfter: Type.Integer(),
  warnings: Type.Array(EditWarning),
})
export type EditResult = Static<typeof EditResult>

// ── history and revert ────────────────────────────────────────────────
export const RevisionGridChange = Type.Object({
  gridId: Type.Integer(),
  code: Type.String(),
  householdsBefore: Type.Union([Type.Integer(), Type.Null()]),
  householdsAfter: Type.Union([Type.Integer(), Type.Null()]),
  householdsGained: Type.Integer(),
  householdsLost: Type.Integer(),
  unitsIn: Type.Array(Type.Integer()),
  unitsOut: Type.Array(Type.Integer()),
})
export type RevisionGridChange = Static<typeof RevisionGridChange>

export const Revision = Type.Object({
  id: Type.Integer(),
  communityCode: Type.String(),
  action: Type.String({ description: 'edit | revert' }),
  author: Type.String(),
  reason: Type.String(),
  createdAt: Type.String(),
  editVersion: Type.Integer({ description: 'the community edit version this revision produced' }),
  unitsMoved: Type.Integer(),
  grids: Type.Array(RevisionGridChange),
  created: Type.Array(Type.Integer()),
  retired: Type.Array(Type.Integer()),
  warnings: Type.Array(EditWarning),
  revertOf: Type.Union([Type.Integer(), Type.Null()]),
})
export type Revision = Static<typeof Revision>

export const RevisionList = Type.Array(Revision)
export const RevertRequest = Type.Object(
  {
    author: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'ignored: the signed-in user' }),
    ),
    reason: Type.String({ maxLength: 500 }),
    editVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'when given, a stale one gets 409' })),
  },
  { additionalProperties: false },
)
export type RevertRequest = Static<typeof RevertRequest>

export const EditConflict = Type.Object({
  ...ProblemMembers,
  statusCode: Type.Literal(409),
  code: Type.String(),
  error: Type.String(),
  message: Type.String(),
  details: Type.Object({
    currentEditVersion: Type.Integer(),
    yourEditVersion: Type.Integer(),
    changes: Type.Array(Revision, { description: 'the revisions saved since your version' }),
  }),
})

// ── proposals ─────────────────────────────────────────────────────────
export const ProposalRequest = Type.Object(
  {
    mode: Type.Union([Type.Literal('propose'), Type.Literal('rebalance')], {
      description: 'propose: a new plan from whole units; rebalance: move as few units as possible',
    }),
    seed: Type.Optional(Type.Integer({ minimum: 1 })),
    fresh: Type.Optional(
      Type.Boolean({
        description:
          'propose only: a plan from scratch, the current grids ignored (default: keep the current grids and their shapes where they can reach the band)',
      }),
    ),
  },
  { additionalProperties: false },
)
export type ProposalRequest = Static<typeof ProposalRequest>

export const PlanFigures = Type.Object({
  grids: Type.Integer(),
  shareInBand: Type.Number(),
  meanAbsDeviation: Type.Number(),
  meanPolsbyPopper: Type.Number(),
  /** the least compact grid's Polsby–Popper */
  minPolsbyPopper: Type.Number(),
  disconnectedGrids: Type.Integer(),
  unassignedUnits: Type.Integer(),
  unitsMoved: Type.Union([Type.Integer(), Type.Null()]),
})
export type PlanFigures = Static<typeof PlanFigures>

export const ProposedGrid = Type.Object({
  key: Type.Integer(),
  communityCode: Type.String(),
  households: Type.Integer(),
  residents: Type.Integer(),
  deviation: Type.Number(),
  inBand: Type.Boolean(),
  polsbyPopper: Type.Number(),
  /** proposed grids: Polsby–Popper of the current grid it shares most units with (null: none) */
  currentPolsbyPopper: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  /** proposed grids: less compact than that current grid (the band could not be had otherwise) */
  belowCurrentShape: Type.Optional(Type.Boolean()),
  unitIds: Type.Array(Type.Integer()),
})
export type ProposedGrid = Static<typeof ProposedGrid>

export const Proposal = Type.Object({
  mode: Type.String(),
  scope: Type.Object({ kind: Type.String(), code: Type.String() }),
  elapsedMs: Type.Number(),
  current: PlanFigures,
  proposed: PlanFigures,
  baseline: PlanFigures,
  currentGrids: Type.Array(ProposedGrid),
  proposedGrids: Type.Array(ProposedGrid),
  /** the communities it covers (one, or every community of the street), to page through */
  communities: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  /** to accept: POST each to /api/communities/:code/edits with an author and a reason */
  edits: Type.Array(
    Type.Object({ communityCode: Type.String(), editVersion: Type.Integer(), ops: Type.Array(EditOp) }),
  ),
})
export type Proposal = Static<typeof Proposal>

// ── grids as of a date ────────────────────────────────────────────────
export const AsOfParam = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$',
  description: 'YYYY-MM-DD (the grids at the end of that day, UTC) or an ISO timestamp',
})
