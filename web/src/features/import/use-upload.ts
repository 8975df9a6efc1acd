// Sending a file: the share sent while it goes up, then what the server found in it.
import { useCallback, useRef, useState } from 'react'
import type { ImportUploadResult } from '../../../../core/api'
import { useI18n } from '../../i18n/i18n-provider'
import { importApi } from './import-api'

export interface UploadState {
  phase: 'idle' | 'uploading' | 'done' | 'failed'
  fileName: string | null
  /** 0–1 of the bytes sent */
  progress: number
  result: ImportUploadResult | null
  error: Error | null
}

const IDLE: UploadState = { phase: 'idle', fileName: null, progress: 0, result: null, error: null }

export function useUpload(onUploaded: (result: ImportUploadResult) => void) {
  const { language } = useI18n()
  const [state, setState] = useState<UploadState>(IDLE)
  const controller = useRef<AbortController | null>(null)
  const done = useRef(onUploaded)
  done.current = onUploaded

  const upload = useCallback(
    (file: File) => {
      controller.current?.abort()
      const c = new AbortController()
      controller.current = c
      setState({ phase: 'uploading', fileName: file.name, progress: 0, result: null, error: null })
      importApi
        .upload(
          file,
          (progress) => setState((s) => (s.phase === 'uploading' ? { ...s, progress } : s)),
          c.signal,
          language,
        )
        .then(
          (result) => {
            if (c.signal.aborted) return
            setState((s) => ({ ...s, phase: 'done', progress: 1, result }))
            done.current(result)
          },
          (error: Error) => {
            if (!c.signal.aborted) setState((s) => ({ ...s, phase: 'failed', error }))
          },
        )
    },
    [language],
  )

  const reset = useCallback(() => {
    controller.current?.abort()
    setState(IDLE)
  }, [])

  return { state, upload, reset }
}
