import { useCallback, useEffect, useState } from 'react';
import type { RepairReport, ReplicaInfo } from '../../../shared/domain/sync';
import { call } from '../api/client';
import { ReplicaTable } from '../components/ReplicaTable';
import { clockOffsetText, downloadText, pendingText, retryText, syncLabel, whenText } from '../components/sync-status-text';
import { useAppStore } from '../store/app-store';
import '../components/sync-ui.css';

/** Everything about sync in one place, including the repair of a wedged replica. */
export function SyncScreen() {
  const sync = useAppStore((s) => s.sync);
  const syncNow = useAppStore((s) => s.syncNow);
  const [replicas, setReplicas] = useState<ReplicaInfo[]>([]);
  const [repairing, setRepairing] = useState(false);
  const [repair, setRepair] = useState<RepairReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadReplicas = useCallback(async () => {
    try {
      setReplicas(await call('sync.replicas', {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  const lastPullAt = sync?.lastPullAt;
  const pendingChanges = sync?.pendingChanges;
  useEffect(() => {
    let active = true;
    call('sync.replicas', {}).then(
      (list) => active && setReplicas(list),
      (e: unknown) => active && setError((e as Error).message),
    );
    return () => {
      active = false;
    };
  }, [lastPullAt, pendingChanges]);

  const runRepair = async () => {
    setRepairing(true);
    setError(null);
    try {
      setRepair(await call('sync.repair', {}));
      await loadReplicas();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRepairing(false);
    }
  };

  const download = downloadText(sync?.download ?? null);
  const retry = retryText(sync?.nextRetryAt ?? null);
  return (
    <section className="screen sync-screen" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <dl>
        <dt>State</dt>
        <dd>{syncLabel(sync)}</dd>
        <dt>Waiting to sync</dt>
        <dd>{pendingText(sync?.pendingChanges ?? 0)}</dd>
        <dt>Last sent</dt>
        <dd>{whenText(sync?.lastPushAt ?? null)}</dd>
        <dt>Last received</dt>
        <dd>{whenText(sync?.lastPullAt ?? null)}</dd>
        <dt>Clock</dt>
        <dd>{clockOffsetText(sync?.clockOffsetMs ?? null)}</dd>
        {download ? (
          <>
            <dt>Download</dt>
            <dd>{download}</dd>
          </>
        ) : null}
        {sync?.lastError ? (
          <>
            <dt>Problem</dt>
            <dd>
              {sync.lastError}
              {retry ? <span className="sync-detail"> ({retry})</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {sync?.notice ? <p className="sync-notice">{sync.notice}</p> : null}
      {sync?.needsRepair ? (
        <p className="sync-repair-needed">
          This laptop's copy of the workspace keeps failing to sync. Your edits are saved here. Repair rebuilds the copy
          from the primary and re-applies every edit the primary does not have; the old files are kept.
        </p>
      ) : null}
      <div className="sync-actions">
        <button type="button" onClick={() => void syncNow()}>
          Sync now
        </button>
        <button type="button" onClick={() => void runRepair()} disabled={repairing}>
          {repairing ? 'Repairing…' : 'Repair'}
        </button>
      </div>
      {repair ? <p role="status">{repair.message}</p> : null}
      {error ? <p role="alert" className="form-error">{error}</p> : null}
      <ReplicaTable replicas={replicas} />
    </section>
  );
}
