import { useAppStore } from '../store/app-store';
import { syncLabel } from './sync-status-text';

export function StatusBar() {
  const sync = useAppStore((s) => s.sync);
  const syncNow = useAppStore((s) => s.syncNow);
  return (
    <footer className="status-bar">
      <div role="status" className={`sync-state sync-${sync?.state ?? 'starting'}`}>
        {syncLabel(sync)}
        {sync && sync.pendingChanges > 0 && sync.state !== 'up_to_date' ? ` · ${sync.pendingChanges} not yet synced` : ''}
      </div>
      {sync?.lastError && sync.state !== 'up_to_date' ? <div className="sync-error">{sync.lastError}</div> : null}
      <button type="button" onClick={() => void syncNow()}>
        Sync now
      </button>
    </footer>
  );
}
