/** A job as it was at a moment: fields, checklist and timeline, read-only, with "Restore to this moment". */
import type { AsOfJob } from '../../../../shared/domain/as-of';
import { formatDateTime } from '../../format';
import { FieldRows } from '../FieldRows';
import { PriorityBadge, StatusBadge } from '../jobs/Badges';
import { ItemMeasureAndComment, RESULT_LABELS } from '../jobs/item-answer';
import { jobFields } from '../jobs/job-fields';
import { NotesTimeline } from '../jobs/NotesTimeline';
import { AsOfFrame } from './AsOfFrame';

interface AsOfJobViewProps {
  jobId: string;
  at: string;
  onBack: () => void;
  /** After a restore: leave the past and reload the job. */
  onRestored: () => void;
  /** The job's title at that moment (null when it did not exist yet), for the screen's heading. */
  onTitle?: (title: string | null) => void;
}

export function AsOfJobView({ jobId, at, onBack, onRestored, onTitle }: AsOfJobViewProps) {
  return (
    <AsOfFrame entity="job" id={jobId} at={at} onBack={onBack} onRestored={onRestored} onLoaded={(view) => onTitle?.(view.job?.title ?? null)}>
      {(view) => <JobThen jobId={jobId} view={view} />}
    </AsOfFrame>
  );
}

function JobThen({ jobId, view }: { jobId: string; view: AsOfJob }) {
  const job = view.job;
  if (!job) return null;
  return (
    <>
      <div className="card">
        <h3 className="as-of-title">{job.title}</h3>
        <div className="detail-badges">
          <StatusBadge status={job.status} />
          <PriorityBadge priority={job.priority} />
          {job.deletedAt ? <span className="badge deleted">Deleted {formatDateTime(job.deletedAt)}</span> : null}
        </div>
        <FieldRows rows={jobFields(job)} />
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
                  <ItemMeasureAndComment item={item} />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <NotesTimeline jobId={jobId} notes={view.notes} readOnly onAdd={async () => undefined} />
    </>
  );
}
