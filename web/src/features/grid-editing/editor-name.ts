// The editor's name, sent with every save until accounts exist; kept in localStorage.
export const EDITOR_NAME_KEY = 'wangge.editorName'

type Store = Pick<Storage, 'getItem' | 'setItem'>

export function loadEditorName(storage: Store | undefined): string {
  try {
    return storage?.getItem(EDITOR_NAME_KEY)?.trim() ?? ''
  } catch {
    return ''
  }
}

export function saveEditorName(storage: Store | undefined, name: string): void {
  try {
    storage?.setItem(EDITOR_NAME_KEY, name.trim())
  } catch {
    // storage denied: the name lives for this page only
  }
}

/** The browser's localStorage, or undefined where it is denied. */
export function browserStorage(): Store | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}
