import { useCallback, useEffect, useState } from 'react';
import type { RepairReport, ReplicaInfo } from '../../../shared/domain/sync';
import { call } from '../api/client';
import { RepairConfirmDialog } from '../components/RepairConfirmDialog';
import { ReplicaTable } from '../components/ReplicaTable';
import { UploadQueue } from '../components/photos/UploadQueue';
import {
  clockOffsetText,
  downloadText,
  pendingText,
  problemText,
  repairAdvice,
  retryText,
  syncLabel,
  whenText,
} from '../components/sync-status-text';
import { useAppStore } from '../store/app-store';
import '../components/sync-ui.css';

/** Everything about sync in one place, including the repair of a wedged replica. */
export function SyncScreen() {
  const sync = useAppStore((s) => s.sync);
  const syncNow = useAppStore((s) => s.syncNow);
  const [replicas, setReplicas] = useState<ReplicaInfo[]>([]);
  const [repairing, setRepairing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [repair, setRepair] = useState<RepairReport | null>(null);
  // An error of this screen (e.g. repair: "cannot be reached") is old news once a sync cycle succeeds after it.
  const [error, setErrorWithPull] = useState<{ message: string; pullAt: string | null } | null>(null);
  const setError = useCallback(
    (message: string | null) => setErrorWithPull(message === null ? null : { message, pullAt: useAppStore.getState().sync?.lastPullAt ?? null }),
    [],
  );
  const shownError = error && !(sync?.state === 'up_to_date' && sync.lastPullAt !== error.pullAt) ? error.message : null;

  const loadReplicas = useCallback(async () => {
    try {
      setReplicas(await call('sync.replicas', {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [setError]);
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
  }, [lastPullAt, pendingChanges, setError]);

  const cancelRepair = useCallback(() => setConfirming(false), []);

  const runRepair = async () => {
    setConfirming(false);
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
  const problem = problemText(sync);
  const advice = repairAdvice(sync);
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
        {problem ? (
          <>
            <dt>Problem</dt>
            <dd>
              {problem}
              {retry ? <span className="sync-detail"> ({retry})</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {sync?.notice ? <p className="sync-notice">{sync.notice}</p> : null}
      <p id="repair-advice" className={advice.needed ? 'sync-repair-needed' : 'sync-detail'}>
        {advice.text}
      </p>
      <div className="sync-actions">
        <button type="button" onClick={() => void syncNow()}>
          Sync now
        </button>
        <button type="button" onClick={() => setConfirming(true)} disabled={repairing || !advice.needed} aria-describedby="repair-advice">
          {repairing ? 'Repairing…' : 'Repair'}
        </button>
      </div>
      {repair ? <p role="status">{repair.message}</p> : null}
      {shownError ? <p role="alert" className="form-error">{shownError}</p> : null}
      <ReplicaTable replicas={replicas} />
      <UploadQueue />
      {confirming ? <RepairConfirmDialog onConfirm={() => void runRepair()} onCancel={cancelRepair} /> : null}
    </section>
  );
}
