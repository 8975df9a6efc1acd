// The editor's keyboard shortcuts, listed in a help panel that "?" (or the ? button) opens and
// Esc closes; the tool keys 1–4 are handled here too (undo / redo: use-undo-keys.ts).
import { useEffect } from 'react'
import type { MessageKey } from '../../i18n/dictionaries'
import { useI18n } from '../../i18n/i18n-provider'
import { TOOLS, type Tool } from './drawn-op'

export const SHORTCUTS: [keys: string, what: MessageKey][] = [
  ['1 – 4', 'edit.keys.tools'],
  ['Ctrl/⌘ + Z', 'edit.keys.undo'],
  ['Ctrl/⌘ + Shift + Z · Ctrl/⌘ + Y', 'edit.keys.redo'],
  ['?', 'edit.keys.help'],
  ['Esc', 'edit.keys.close'],
]

const typing = (e: KeyboardEvent) => {
  const target = e.target as HTMLElement | null
  return Boolean(target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** "?" toggles the help, Esc closes it, 1–4 pick a tool (not while typing in a field). */
export function useEditorKeys(open: boolean, setOpen: (open: boolean) => void, onTool: (tool: Tool) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return
      if (e.key === '?') setOpen(!open)
      else if (e.key === 'Escape' && open) setOpen(false)
      else if (/^[1-4]$/.test(e.key)) onTool(TOOLS[Number(e.key) - 1])
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, setOpen, onTool])
}

export function ShortcutsHelp(props: { onClose: () => void }) {
  const { t } = useI18n()
  return (
    <section className="edit-section edit-help" data-testid="edit-shortcuts" aria-label={t('edit.keys.title')}>
      <div className="header-row">
        <h3>{t('edit.keys.title')}</h3>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label={t('edit.close')}>
          ×
        </button>
      </div>
      <table className="edit-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('edit.keys.mouse')}</p>
    </section>
  )
}
