import { useEffect } from 'react';
import { call } from '../api/client';
import { useAppStore } from '../store/app-store';
import { clockWarningLine, downloadText, problemText, retryText, syncLabel, uploadText } from './sync-status-text';
import { photosWaitingText } from './photos/photo-status-text';
import './sync-ui.css';

/** Always visible: what sync is doing, in words that never claim more than is true. */
export function StatusBar() {
  const sync = useAppStore((s) => s.sync);
  const syncNow = useAppStore((s) => s.syncNow);

  // The OS online flag is only a hint: it asks main to probe the primary now.
  useEffect(() => {
    const onOnline = () => void call('sync.poke', {}).catch(() => undefined);
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  const pending = sync && sync.pendingChanges > 0 && sync.state !== 'up_to_date' ? ` · ${sync.pendingChanges} not yet synced` : '';
  const download = sync?.state === 'pulling' ? downloadText(sync.download) : sync?.state === 'pushing' ? uploadText(sync.upload) : null;
  const retry = sync && (sync.state === 'offline' || sync.state === 'error') ? retryText(sync.nextRetryAt) : null;
  const clock = clockWarningLine(sync);
  const problem = problemText(sync);
  const photos = photosWaitingText(sync);
  return (
    <footer className="status-bar">
      <div role="status" className={`sync-state sync-${sync?.state ?? 'starting'}`}>
        {syncLabel(sync)}
        {pending}
        {download ? ` · ${download}` : ''}
        {photos ? ` · ${photos}` : ''}
      </div>
      {clock ? <div className="sync-clock-warning">{clock}</div> : null}
      {sync?.needsRepair ? <div className="sync-repair-needed">Repair needed: open the Sync screen.</div> : null}
      {problem ? (
        <div className="sync-error">
          {problem}
          {retry ? <span className="sync-detail"> ({retry})</span> : null}
        </div>
      ) : null}
      <button type="button" onClick={() => void syncNow()}>
        Sync now
      </button>
    </footer>
  );
}
