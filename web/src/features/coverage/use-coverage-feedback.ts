// The coverage panel's one status line and busy flag, shared by loading, edits and siting.
import { useMemo, useState } from 'react'

export interface CoverageMessage {
  tone: 'good' | 'bad'
  text: string
}

export function useCoverageFeedback() {
  const [message, setMessage] = useState<CoverageMessage | null>(null)
  const [busy, setBusy] = useState(false)
  return useMemo(() => ({ message, setMessage, busy, setBusy }), [message, busy])
}

export type CoverageFeedback = ReturnType<typeof useCoverageFeedback>
