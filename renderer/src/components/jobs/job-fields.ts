/** The job's field rows, shown the same on the job screen and in its as-of view. */
import type { ReactNode } from 'react';
import type { Job } from '../../../../shared/domain/jobs';
import { formatDate, formatDateTime } from '../../format';
import type { FieldRow } from '../FieldRows';

export function jobFields(job: Job, options: { site?: ReactNode; dueClass?: string } = {}): FieldRow[] {
  return [
    { label: 'Site', value: options.site ?? (job.siteId ? (job.siteName ?? 'Unknown site') : 'No site') },
    { label: 'Due', value: job.dueDate ? formatDate(job.dueDate) : 'No due date', className: options.dueClass },
    { label: 'Assignee', value: job.assignee ?? 'Unassigned' },
    { label: 'Last change', value: `${job.updatedBy}, ${formatDateTime(job.updatedAt)}` },
  ];
}
