// One API resource in React: loading / data / error, aborted on unmount, retryable.
import { useCallback, useEffect, useState } from 'react'

export interface ApiResource<T> {
  data: T | null
  error: Error | null
  loading: boolean
  retry: () => void
}

export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): ApiResource<T> {
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a module-level loader; `attempt` re-runs it
  useEffect(() => {
    const controller = new AbortController()
    setState((s) => ({ ...s, error: null, loading: true }))
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false })
      },
      (error: Error) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }))
      },
    )
    return () => controller.abort()
  }, [attempt])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
