import type { Job } from '../../../../shared/domain/jobs';
import { dueState, formatDate } from '../../format';
import { useJobs } from '../../store/jobs-store';
import { useNav } from '../../store/nav-store';
import { PriorityBadge, StatusBadge } from './Badges';

/** Compact enough for ten rows on a 1366×768 screen under the header and the filter bar. */
export const JOB_ROW_HEIGHT = 50;

export function JobRow({ job }: { job: Job }) {
  const navigate = useNav((s) => s.navigate);
  const due = dueState(job.dueDate, job.status === 'done');
  return (
    <button
      type="button"
      className="job-row"
      data-job-id={job.id}
      onClick={() => {
        useJobs.getState().rememberOpened(job.id);
        navigate({ screen: 'job', id: job.id });
      }}
    >
      <span className="job-row-main">
        <span className="job-title">{job.title}</span>
        <span className="job-meta">
          {job.siteName ?? 'No site'}
          {job.assignee ? ` · ${job.assignee}` : ' · Unassigned'}
        </span>
      </span>
      <span className="job-row-side">
        <PriorityBadge priority={job.priority} />
        <StatusBadge status={job.status} />
        {job.dueDate ? (
          <span className={`due ${due ? `due-${due}` : ''}`}>
            {due === 'overdue' ? 'Overdue · ' : due === 'today' ? 'Due today · ' : 'Due '}
            {formatDate(job.dueDate)}
          </span>
        ) : null}
      </span>
    </button>
  );
}
