// The one data-fetching hook: loads with `load` again whenever one of `deps` changes (the latest
// request wins; the previous one is aborted, as on unmount), keeps the last data while reloading
// or after a failure, and reloads on `retry()`. A null `load` means nothing to load: no data.
import { useCallback, useEffect, useRef, useState } from 'react'

export interface ApiResource<T> {
  data: T | null
  error: Error | null
  loading: boolean
  /** loads again with the same inputs */
  retry: () => void
}

export function useApiResource<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: readonly (string | number | boolean | null | undefined)[] = [],
): ApiResource<T> {
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<Omit<ApiResource<T>, 'retry'>>({
    data: null,
    error: null,
    loading: load !== null,
  })
  const loadRef = useRef(load)
  loadRef.current = load
  const idle = load === null
  const key = JSON.stringify(deps)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's inputs and `attempt` for retries; the latest `load` is read from the ref
  useEffect(() => {
    const run = loadRef.current
    if (!run) {
      setState({ data: null, error: null, loading: false })
      return
    }
    const controller = new AbortController()
    setState((s) => ({ ...s, error: null, loading: true }))
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false })
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }))
      },
    )
    return () => controller.abort()
  }, [key, idle, attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
