// Named error codes for bad grid input; the message always names the bad value.

export type GridErrorCode =
  | 'INVALID_SETTINGS'
  | 'INVALID_GRAPH'
  | 'INVALID_ASSIGNMENT'
  | 'INVALID_GEOMETRY'
  | 'UNKNOWN_UNIT'
  | 'UNIT_OTHER_COMMUNITY'
  | 'UNKNOWN_COMMUNITY'
  | 'UNKNOWN_GRID'
  | 'GRID_EXISTS'
  | 'GRIDS_NOT_ADJACENT'
  | 'GRID_NOT_EMPTY'
  | 'INVALID_SPLIT'

export class GridError extends Error {
  readonly code: GridErrorCode

  constructor(code: GridErrorCode, message: string) {
    super(message)
    this.name = 'GridError'
    this.code = code
  }
}

export function fail(code: GridErrorCode, message: string): never {
  throw new GridError(code, message)
}
