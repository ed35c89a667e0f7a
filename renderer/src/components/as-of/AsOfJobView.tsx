/** A job as it was at a moment: fields, checklist and timeline, read-only, with "Restore to this moment". */
import { useEffect, useState } from 'react';
import type { AsOfJob } from '../../../../shared/domain/as-of';
import type { ItemResult } from '../../../../shared/domain/inspections';
import { call, errorText } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { useToast } from '../../store/toast-store';
import { PriorityBadge, StatusBadge } from '../jobs/Badges';
import { NotesTimeline } from '../jobs/NotesTimeline';
import { AsOfBanner } from './AsOfBanner';
import { RestoreMomentDialog } from './RestoreMomentDialog';
import './as-of.css';

const RESULT_LABELS: Record<ItemResult, string> = { pass: 'Pass', fail: 'Fail', na: 'N/A' };

interface AsOfJobViewProps {
  jobId: string;
  at: string;
  onBack: () => void;
  /** After a restore: leave the past and reload the job. */
  onRestored: () => void;
}

export function AsOfJobView({ jobId, at, onBack, onRestored }: AsOfJobViewProps) {
  const [view, setView] = useState<AsOfJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let active = true;
    call('asOf.job', { id: jobId, at }).then(
      (v) => {
        if (!active) return;
        setView(v);
        setError(null);
      },
      (e: unknown) => active && setError(errorText(e)),
    );
    return () => {
      active = false;
    };
  }, [jobId, at]);

  const restore = async () => {
    setBusy(true);
    try {
      await call('asOf.restore', { entity: 'job', id: jobId, at });
      setConfirming(false);
      useToast.getState().show(`Job restored to ${formatDateTime(at)}.`);
      onRestored();
    } catch (e) {
      setConfirming(false);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (error && !view) {
    return (
      <p role="alert" className="form-error">
        {error}
      </p>
    );
  }
  if (!view) return <p className="empty">Loading the job as it was…</p>;
  const job = view.job;
  return (
    <section className="as-of-view" aria-label="Job as it was">
      <AsOfBanner
        what="job"
        at={view.at}
        existed={view.existed}
        editsSince={view.editsSince}
        differences={view.differences}
        onRestore={() => setConfirming(true)}
        onBack={onBack}
      />
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {!job ? (
        <p className="empty">This job did not exist yet at that moment: it was created {formatDateTime(view.createdAt)}.</p>
      ) : (
        <>
          <div className="card">
            <h3 className="as-of-title">{job.title}</h3>
            <div className="detail-badges">
              <StatusBadge status={job.status} />
              <PriorityBadge priority={job.priority} />
              {job.deletedAt ? <span className="badge deleted">Deleted {formatDateTime(job.deletedAt)}</span> : null}
            </div>
            <dl className="facts">
              <div>
                <dt>Site</dt>
                <dd>{job.siteId ? (job.siteName ?? 'Unknown site') : 'No site'}</dd>
              </div>
              <div>
                <dt>Due</dt>
                <dd>{job.dueDate ? formatDate(job.dueDate) : 'No due date'}</dd>
              </div>
              <div>
                <dt>Assignee</dt>
                <dd>{job.assignee ?? 'Unassigned'}</dd>
              </div>
              <div>
                <dt>Last change</dt>
                <dd>
                  {job.updatedBy}, {formatDateTime(job.updatedAt)}
                </dd>
              </div>
            </dl>
            {job.description ? <p className="description">{job.description}</p> : <p className="empty">No description.</p>}
          </div>
          <section className="card" aria-labelledby="as-of-checklist-heading">
            <h3 id="as-of-checklist-heading">{view.inspection ? `Checklist: ${view.inspection.templateName}` : 'Checklist'}</h3>
            {!view.inspection ? (
              <p className="empty">No checklist at that moment.</p>
            ) : (
              <>
                {view.inspection.signedOffAt ? (
                  <p className="signed-off">
                    ✓ Signed off by {view.inspection.signedOffBy} on {formatDateTime(view.inspection.signedOffAt)}.
                  </p>
                ) : null}
                <ol className="checklist as-of-checklist" aria-label="Checklist answers then">
                  {view.inspection.items.map((item) => (
                    <li key={item.id} className={`checklist-item result-${item.result ?? 'none'}`}>
                      <span className="as-of-item-label">{item.label}</span>
                      <span className="as-of-item-result">{item.result ? RESULT_LABELS[item.result] : 'No answer'}</span>
                      {item.measurement !== null ? (
                        <span className="measure">
                          {item.measurement} {item.unit}
                        </span>
                      ) : null}
                      {item.comment ? <span>{item.comment}</span> : null}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
          <NotesTimeline jobId={jobId} notes={view.notes} readOnly onAdd={async () => undefined} />
        </>
      )}
      {confirming ? (
        <RestoreMomentDialog what="job" at={view.at} differences={view.differences} busy={busy} onConfirm={() => void restore()} onCancel={() => setConfirming(false)} />
      ) : null}
    </section>
  );
}
