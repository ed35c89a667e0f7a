import type { Job } from '../../../../shared/domain/jobs';
import { dueState, formatDate } from '../../format';
import { useNav } from '../../store/nav-store';
import { PriorityBadge, StatusBadge } from './Badges';

export const JOB_ROW_HEIGHT = 68;

export function JobRow({ job }: { job: Job }) {
  const navigate = useNav((s) => s.navigate);
  const due = dueState(job.dueDate, job.status === 'done');
  return (
    <button type="button" className="job-row" onClick={() => navigate({ screen: 'job', id: job.id })}>
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
