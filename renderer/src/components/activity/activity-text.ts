/** Activity feed entries in words: who did what to which job, site or checklist. */
// Imported by node-side tests too, hence the explicit .js extensions.
import type { ActivityEntry } from '../../../../shared/domain/activity.js';

const VERBS: Record<ActivityEntry['kind'], string> = { create: 'created', update: 'edited', delete: 'deleted', restore: 'restored' };
const quoted = (text: string | null, fallback: string) => (text === null ? fallback : `“${text}”`);

/** What the entry is about, e.g. 'checklist item “Flue clear” of job “Boiler service”'. */
export function subjectText(entry: ActivityEntry): string {
  const ofJob = entry.jobId ? ` of job ${quoted(entry.jobTitle, '(unknown job)')}` : '';
  switch (entry.entity) {
    case 'job':
      return `job ${quoted(entry.jobTitle, '(unknown job)')}`;
    case 'site':
      return `site ${quoted(entry.siteName, '(unknown site)')}`;
    case 'note':
      return `a timeline entry${ofJob}`;
    case 'inspection':
      return `checklist ${quoted(entry.label, '')}${ofJob}`.replace('checklist  ', 'checklist ');
    case 'inspection_item':
      return `checklist item ${quoted(entry.label, '(unknown item)')}${ofJob}`;
    case 'template':
      return `checklist template ${quoted(entry.label, '(unknown template)')}`;
    default:
      return `a ${entry.entity.replace(/_/g, ' ')} record`;
  }
}

/** 'Ana edited job “Boiler service”'. */
export function entryText(entry: ActivityEntry): string {
  return `${entry.actor} ${VERBS[entry.kind]} ${subjectText(entry)}`;
}

/** Fields every edit carries, or that only link records: not worth a line in the feed. */
export const QUIET_FIELDS = new Set(['kind', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'assigneeId', 'jobId', 'inspectionId', 'position', 'templateId', 'deletedAt']);
