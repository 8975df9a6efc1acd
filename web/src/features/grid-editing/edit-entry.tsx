// The way into edit mode: a button for the selected community (or the community of the selected grid).

import { useI18n } from '../../i18n/i18n-provider'
import { shortPlaceName } from '../../map/layers/label-layer'
import type { DistrictData } from '../district/use-district-data'
import type { Selection } from '../selection/selection'

export function communityOfSelection(selection: Selection, index: DistrictData['index']): string | null {
  if (selection?.kind === 'community') return selection.code
  if (selection?.kind === 'grid') return index.grids.get(selection.id)?.properties.communityCode ?? null
  return null
}

export function EditEntry(props: {
  selection: Selection
  index: DistrictData['index']
  onEdit: (code: string) => void
}) {
  const { t } = useI18n()
  const code = communityOfSelection(props.selection, props.index)
  if (!code) return null
  const name = props.index.communities.get(code)?.properties.name ?? code
  return (
    <div className="edit-entry panel">
      <button type="button" data-testid="edit-enter" onClick={() => props.onEdit(code)}>
        {t('edit.enterFor', { name: shortPlaceName(name) })}
      </button>
    </div>
  )
}
