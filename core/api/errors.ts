// One registry of the API's named error codes: every code a route can answer with, its HTTP
// status and what it means. The server throws by code (server/plugins/errors.ts looks the status
// up here); a unit test checks that every code thrown in server/ is listed; the OpenAPI document
// lists them under ErrorBody.code.

interface ErrorCodeInfo {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 429 | 500 | 503
  description: string
}

export const ERROR_CODES = {
  // request shape (validation by the schemas, and fastify's own content checks)
  BAD_REQUEST: { status: 400, description: 'a parameter or the body does not match the schema; the message names it' },
  CTP_EMPTY_JSON_BODY: { status: 400, description: 'content-type is JSON but the body is empty' },
  CTP_INVALID_JSON_BODY: { status: 400, description: 'the body is not valid JSON' },
  CTP_INVALID_CONTENT_LENGTH: { status: 400, description: 'content-length does not match the body' },
  CTP_BODY_TOO_LARGE: { status: 413, description: 'the body is larger than the server accepts' },
  CTP_INVALID_MEDIA_TYPE: { status: 415, description: 'a content-type the route does not accept' },
  BAD_URL: { status: 400, description: 'the URL cannot be decoded' },
  INVALID_URL: { status: 400, description: 'the URL is not valid' },
  MAX_PARAM_LENGTH: { status: 414, description: 'a path parameter is too long' },
  // parameters the schemas cannot check
  BAD_BBOX: {
    status: 400,
    description: 'bbox is not minLng,minLat,maxLng,maxLat in degrees (OGC API: 4 or 6 numbers in bbox-crs)',
  },
  BAD_AS_OF: { status: 400, description: 'asOf is not a real date or ISO timestamp' },
  BAD_DATETIME: { status: 400, description: 'datetime is not one RFC 3339 date or date-time' },
  BAD_TILE: { status: 400, description: 'z/x/y that name no tile (zoom 0–18, x and y within 0–2^z−1)' },
  BAD_RADIUS: { status: 400, description: 'a service radius out of range' },
  BAD_AREA: { status: 400, description: 'a floor or activity area below 0' },
  BAD_CAPACITY: { status: 400, description: 'a capacity below 0' },
  BAD_NAME: { status: 400, description: 'a blank name' },
  ACTIVITY_EXCEEDS_FLOOR_AREA: { status: 400, description: 'an activity area larger than the floor area' },
  BAD_SEARCH: { status: 400, description: 'a search query with nothing to look for (only spaces or punctuation)' },
  BAD_SITING_INPUT: { status: 400, description: 'siting input the solver refuses; the message names the value' },
  // references to things that do not exist, or not there
  NOT_FOUND: { status: 404, description: 'no such route, or no such street, community, grid, facility or revision' },
  UNKNOWN_STREET: { status: 400, description: 'a street code that does not exist (see /api/streets)' },
  UNKNOWN_COMMUNITY: { status: 400, description: 'a community code that does not exist' },
  UNKNOWN_GRID: { status: 400, description: 'a grid that is not in the community' },
  UNKNOWN_UNIT: { status: 400, description: 'a unit that does not exist' },
  UNKNOWN_FACILITY_TYPE: {
    status: 400,
    description: 'a facility type code that does not exist (see /api/facility-types)',
  },
  UNKNOWN_TIER: { status: 400, description: 'no facility type has this tier (tiers are data: facility_types.tier)' },
  UNKNOWN_INDICATOR: { status: 400, description: 'an indicator code that does not exist (see /api/equity/indicators)' },
  TIER_MISMATCH: { status: 400, description: 'the facility type is not of the tier given with it' },
  MISSING_SUBJECT: { status: 400, description: 'neither a facility type nor a tier was given' },
  NO_VALUES: { status: 400, description: 'no community has a value for the indicator' },
  POINT_OUTSIDE_DISTRICT: { status: 400, description: 'a point outside the district' },
  NO_WALK_NETWORK: {
    status: 400,
    description: 'walking distances asked for where no walk network is stored (import one, or use method=radius)',
  },
  POINT_OFF_NETWORK: { status: 400, description: 'a point farther from every walkable edge than the limit' },
  MISSING_ORIGIN: { status: 400, description: 'an isochrone needs a facility id or a point (lng and lat)' },
  RETIRED: { status: 409, description: 'the facility is retired and cannot be changed' },
  // grid edits (core/domain/grids, core/domain/grid-editing)
  INVALID_SETTINGS: { status: 400, description: 'a household target or tolerance that makes no band' },
  INVALID_GRAPH: { status: 400, description: 'a unit adjacency graph that does not fit the units' },
  INVALID_ASSIGNMENT: { status: 400, description: 'an assignment of units to grids that does not fit the units' },
  INVALID_GEOMETRY: { status: 400, description: 'a ring or line with too few or invalid [lng, lat] points' },
  INVALID_SPLIT: { status: 400, description: 'a split that leaves one side empty' },
  UNIT_OTHER_COMMUNITY: { status: 400, description: 'a unit of another community' },
  UNIT_UNASSIGNED: { status: 400, description: 'the edit leaves a unit in no grid' },
  GRID_OTHER_COMMUNITY: { status: 400, description: 'a grid of another community' },
  GRID_EXISTS: { status: 400, description: 'a grid key that is already taken' },
  GRIDS_NOT_ADJACENT: { status: 400, description: 'grids to merge that do not touch' },
  GRID_NOT_EMPTY: { status: 400, description: 'deleting a grid that still has units' },
  NOTHING_TO_UNDO: { status: 400, description: 'undo with no step left' },
  NOTHING_TO_REDO: { status: 400, description: 'redo with no step left' },
  EMPTY_EDIT: { status: 400, description: 'the edit changes nothing' },
  GRID_CODES_EXHAUSTED: { status: 422, description: 'the community has no grid sequence numbers left (999)' },
  // concurrency
  EDIT_CONFLICT: { status: 409, description: 'a stale edit_version: the body lists the changes saved since' },
  REVERT_CONFLICT: { status: 409, description: 'units of the revision were moved again since' },
  STALE_VERSION: { status: 409, description: 'a stale facility version: someone saved it since' },
  // siting
  K_EXCEEDS_CANDIDATES: { status: 400, description: 'more sites asked for than there are candidates' },
  TARGET_UNREACHABLE: { status: 400, description: 'no set of candidates reaches the coverage target' },
  PROBLEM_TOO_LARGE: { status: 400, description: 'demand × candidates beyond what p-median solves here' },
  // imports (core/import, server/modules/import)
  EMPTY_FILE: { status: 400, description: 'an upload with no bytes' },
  BAD_CRS: {
    status: 400,
    description:
      'a source CRS Wangge does not read (EPSG:4326/4490/3857/4513–4554, GCJ-02, BD-09), or an OGC API crs / bbox-crs it does not serve (see /ogc/collections)',
  },
  UNKNOWN_SOURCE_LAYER: { status: 400, description: 'a layer or sheet the uploaded file does not hold' },
  UNKNOWN_COLUMN: { status: 400, description: 'a mapped column the file does not have' },
  PERSONAL_COLUMN: { status: 400, description: 'a mapped column that holds personal data (never imported)' },
  FILE_TOO_LARGE: { status: 413, description: 'an upload over the size limit: split the file' },
  UNSUPPORTED_FORMAT: { status: 415, description: 'a file type the importer does not read' },
  BAD_ZIP: { status: 422, description: 'a zip that cannot be read (truncated or damaged)' },
  ZIP_TOO_LARGE: { status: 422, description: 'a zip that unpacks to more than the limit (a zip bomb)' },
  NO_SHAPEFILE: { status: 422, description: 'a zip with no .shp in it' },
  SHAPEFILE_INCOMPLETE: { status: 422, description: 'a .shp without its .shx or .dbf' },
  BAD_SHAPEFILE: { status: 422, description: 'a shapefile that cannot be read' },
  BAD_GEOJSON: { status: 422, description: 'a GeoJSON file that is not JSON, or not a Feature(Collection)' },
  BAD_OSM: { status: 422, description: 'an .osm.pbf that cannot be read, or has no highway=* way' },
  BAD_CSV: { status: 422, description: 'a CSV file that cannot be parsed' },
  BAD_XLSX: { status: 422, description: 'a workbook that cannot be read' },
  BAD_FLATGEOBUF: { status: 422, description: 'a FlatGeobuf file that cannot be read' },
  NOTHING_TO_COMMIT: { status: 422, description: 'an import whose dry run left nothing that can be written' },
  IMPORT_CLOSED: { status: 409, description: 'an import already committed or rolled back' },
  UPLOAD_GONE: { status: 409, description: "the import's file is no longer held (server restart): upload again" },
  IMPORT_BUSY: { status: 409, description: 'an import that is validating or committing' },
  NO_DRY_RUN: { status: 409, description: 'commit, preview or problems before a dry run' },
  NOT_COMMITTED: { status: 409, description: 'rolling back an import that is not committed' },
  NOT_LATEST: { status: 409, description: 'rolling back an import while a later one stands: roll that back first' },
  NO_UNDO: { status: 409, description: 'an import that kept nothing to roll back' },
  // accounts, roles and sessions (core/auth, server/plugins/auth.ts)
  UNAUTHENTICATED: { status: 401, description: 'not signed in (no or an expired session, or an unknown API token)' },
  BAD_CREDENTIALS: { status: 401, description: 'a wrong user name or password' },
  FORBIDDEN: { status: 403, description: 'the role has not the permission the route needs; the message names both' },
  OUTSIDE_STREETS: { status: 403, description: 'a write outside the streets assigned to a street planner' },
  CSRF_FAILED: {
    status: 403,
    description: 'a cookie-authenticated write without the X-CSRF-Token header of its session',
  },
  ACCOUNT_LOCKED: { status: 403, description: 'an account the administrator locked' },
  TOO_MANY_ATTEMPTS: { status: 429, description: 'too many failed sign-ins: wait the seconds the message names' },
  RATE_LIMITED: {
    status: 429,
    description:
      'too many expensive requests (siting, proposals, imports, downloads) in the window: wait the seconds named',
  },
  WEAK_PASSWORD: { status: 400, description: 'a password the rules refuse; the message says why' },
  BAD_ROLE: {
    status: 400,
    description: 'a role that does not exist, or streets given to a role without a street scope',
  },
  USERNAME_TAKEN: { status: 409, description: 'a user name that is already taken' },
  LAST_ADMINISTRATOR: { status: 409, description: 'a change that would leave no unlocked administrator' },
  // the server
  COVERAGE_UNAVAILABLE: { status: 503, description: 'the coverage model could not be built; try again' },
  INTERNAL: { status: 500, description: 'an unexpected failure; the server log has the details' },
} as const satisfies Record<string, ErrorCodeInfo>

export type ErrorCode = keyof typeof ERROR_CODES
/** The codes answered with a given HTTP status, e.g. `ErrorCodeWithStatus<400>`. */
export type ErrorCodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never
}[ErrorCode]

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

/** The registry as one line per code, for the OpenAPI description of ErrorBody.code. */
export const errorCodeList = (): string =>
  Object.entries(ERROR_CODES)
    .map(([code, info]) => `${code} (${info.status}): ${info.description}`)
    .join('; ')
