// The wizard as one hook: the upload, the user's choices, the dry run (always before a commit;
// any change of choice sets it aside), the commit, a rollback from the history.
import { useCallback, useMemo, useState } from 'react'
import type { CommitResult, ImportLayerId, ImportUploadResult } from '../../../../core/api'
import { useApiResource } from '../../api/use-api-resource'
import { useSignedInName } from '../auth/signed-in-as'
import { importApi } from './import-api'
import { useDryRun } from './use-dry-run'
import { useUpload } from './use-upload'
import {
  dryRunRequest,
  initialChoices,
  missingChoices,
  namesToCheck,
  sourceLayerOf,
  type WizardChoices,
  withTarget,
} from './wizard-state'

export function useImportWizard() {
  const [choices, setChoicesState] = useState<WizardChoices | null>(null)
  /** the choices the last dry run ran with */
  const [ranWith, setRanWith] = useState<WizardChoices | null>(null)
  const [committed, setCommitted] = useState<CommitResult | null>(null)
  // recorded under the signed-in person (the server takes it from the session)
  const author = useSignedInName()
  const history = useApiResource((signal) => importApi.history(signal))
  const dryRun = useDryRun()
  const resetDryRun = dryRun.reset

  const onUploaded = useCallback(
    (result: ImportUploadResult) => {
      setChoicesState(initialChoices(result))
      setRanWith(null)
      setCommitted(null)
      resetDryRun()
      history.retry()
    },
    [resetDryRun, history.retry],
  )
  const upload = useUpload(onUploaded)
  const result = upload.state.result
  const layer = result && choices ? sourceLayerOf(result, choices.sourceLayer) : null

  const setChoices = useCallback((next: WizardChoices) => {
    setChoicesState(next)
    setCommitted(null)
  }, [])
  const setTarget = useCallback(
    (target: ImportLayerId) => {
      if (choices && layer) setChoices(withTarget(choices, layer, target))
    },
    [choices, layer, setChoices],
  )
  const setSourceLayer = useCallback(
    (name: string) => {
      if (result) setChoices(initialChoices(result, name))
    },
    [result, setChoices],
  )
  const missing = useMemo(() => (choices && layer ? missingChoices(choices, layer) : []), [choices, layer])
  const runDryRun = useCallback(() => {
    if (!result || !choices) return
    setRanWith(choices)
    setCommitted(null)
    dryRun.start(result.id, dryRunRequest(choices)).then(history.retry)
  }, [result, choices, dryRun.start, history.retry])

  /** the report and preview belong to the choices they ran with; changed choices need another run */
  const current = ranWith !== null && ranWith === choices && dryRun.state.phase === 'done'
  const names = useMemo(() => {
    if (!layer || !choices) return { names: [], stale: false }
    const preview = dryRun.state.preview
    const lastRun =
      preview && ranWith && dryRun.state.phase === 'done'
        ? { encoding: ranWith.encoding, names: preview.features.map((f) => f.properties.name) }
        : null
    return namesToCheck(layer, choices, lastRun)
  }, [layer, choices, ranWith, dryRun.state])

  const commit = useCallback(
    async (reason: string) => {
      if (!result) throw new Error('nothing uploaded')
      const done = await importApi.commit(result.id, author.trim(), reason)
      setCommitted(done)
      history.retry()
      return done
    },
    [result, author, history.retry],
  )
  const rollback = useCallback(
    async (id: number) => {
      const done = await importApi.rollback(id, author.trim(), '')
      history.retry()
      return done
    },
    [author, history.retry],
  )

  return {
    upload,
    result,
    layer,
    choices,
    setChoices,
    setTarget,
    setSourceLayer,
    missing,
    dryRun: dryRun.state,
    runDryRun,
    current,
    names,
    author,
    committed,
    commit,
    rollback,
    history,
  }
}
