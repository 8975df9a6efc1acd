// A value loaded from the API whenever its inputs change: the latest request wins.
import { useEffect, useRef, useState } from 'react'

export interface Async<T> {
  data: T | null
  error: Error | null
  loading: boolean
}

/** Loads with `load` (null = nothing to load) again whenever one of `deps` (strings, numbers, null) changes. */
export function useAsync<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: readonly (string | number | null)[],
): Async<T> {
  const [state, setState] = useState<Async<T>>({ data: null, error: null, loading: load !== null })
  const loadRef = useRef(load)
  loadRef.current = load
  const key = JSON.stringify(deps)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's inputs; the latest `load` is read from the ref
  useEffect(() => {
    const run = loadRef.current
    if (!run) {
      setState({ data: null, error: null, loading: false })
      return
    }
    const controller = new AbortController()
    setState((s) => ({ ...s, loading: true, error: null }))
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false })
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }))
      },
    )
    return () => controller.abort()
  }, [key])
  return state
}
