import { PRIORITY_LABELS, STATUS_LABELS, type JobPriority, type JobStatus } from '../../../../shared/domain/jobs';

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: JobPriority }) {
  if (priority === 'normal') return null;
  return <span className={`badge priority-${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}
