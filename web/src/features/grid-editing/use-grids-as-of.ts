// The community's grids as of a date ('' = none), for the outline on the map and the summary.
import { useEffect, useState } from 'react'
import type { GridPage } from '../../../../core/api'
import { gridEditingApi } from './grid-editing-api'

export function useGridsAsOf(code: string, asOf: string): GridPage | null {
  const [page, setPage] = useState<GridPage | null>(null)
  useEffect(() => {
    if (!asOf) return setPage(null)
    const controller = new AbortController()
    gridEditingApi.gridsAsOf(code, asOf, controller.signal).then(setPage, () => setPage(null))
    return () => controller.abort()
  }, [code, asOf])
  return page
}
