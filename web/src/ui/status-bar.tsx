/** What is still loading, as a live region ("正在加载网格…"). */
export function StatusBar({ loading }: { loading: string[] }) {
  if (loading.length === 0) return null
  return (
    <div className="status-bar panel" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {loading.join(' ')}
    </div>
  )
}
