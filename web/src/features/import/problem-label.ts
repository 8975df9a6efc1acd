// The kind of a dry-run problem in the user's language, from its code; the server's own message
// (English, with the row's values) stays beside it. An unknown code shows as itself.
import type { MessageKey } from '../../i18n/dictionaries'

const LABELS: Record<string, MessageKey> = {
  BAD_CODE: 'import.problem.BAD_CODE',
  CODE_MISMATCH: 'import.problem.CODE_MISMATCH',
  DUPLICATE_CODE: 'import.problem.DUPLICATE_CODE',
  MISSING_VALUE: 'import.problem.MISSING_VALUE',
  BAD_VALUE: 'import.problem.BAD_VALUE',
  NOT_AN_INTEGER: 'import.problem.NOT_AN_INTEGER',
  NOT_A_NUMBER: 'import.problem.NOT_A_NUMBER',
  NEGATIVE_COUNT: 'import.problem.NEGATIVE_COUNT',
  MISSING_GEOMETRY: 'import.problem.MISSING_GEOMETRY',
  BAD_GEOMETRY: 'import.problem.BAD_GEOMETRY',
  INVALID_GEOMETRY: 'import.problem.INVALID_GEOMETRY',
  NO_PARENT: 'import.problem.NO_PARENT',
  OUTSIDE_PARENT: 'import.problem.OUTSIDE_PARENT',
  OUTSIDE_DISTRICT: 'import.problem.OUTSIDE_DISTRICT',
  UNKNOWN_TYPE: 'import.problem.UNKNOWN_TYPE',
  NO_GRID: 'import.problem.NO_GRID',
  SPLIT_BETWEEN_GRIDS: 'import.problem.SPLIT_BETWEEN_GRIDS',
  TOTALS_DIFFER: 'import.problem.TOTALS_DIFFER',
  NOT_IN_FILE: 'import.problem.NOT_IN_FILE',
  GRID_RETIRED: 'import.problem.GRID_RETIRED',
  EMPTY_GRID: 'import.problem.EMPTY_GRID',
  UNITS_OUTSIDE_GRIDS: 'import.problem.UNITS_OUTSIDE_GRIDS',
  OVERLAP: 'import.problem.OVERLAP',
  OVERLAP_SNAPPED: 'import.problem.OVERLAP_SNAPPED',
  GAP_SNAPPED: 'import.problem.GAP_SNAPPED',
}

export function problemLabel(code: string, t: (key: MessageKey) => string): string {
  const key = LABELS[code]
  return key ? t(key) : code
}
