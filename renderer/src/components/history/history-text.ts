/** History values in the words the rest of the app uses: labels, site names, dates like the timeline's. */
// Imported by node-side tests too, hence the explicit .js extensions.
import type { HistoryField } from '../../../../shared/domain/history.js';
import { PRIORITY_LABELS, STATUS_LABELS, type JobPriority, type JobStatus } from '../../../../shared/domain/jobs.js';
import { formatDate, formatDateTime } from '../../format.js';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  siteId: 'Site',
  jobId: 'Job',
  priority: 'Priority',
  status: 'Status',
  assignee: 'Assignee',
  dueDate: 'Due date',
  deletedAt: 'Deleted',
  name: 'Name',
  address: 'Address',
  contact: 'Contact',
  notes: 'Notes',
  latitude: 'Latitude',
  longitude: 'Longitude',
  result: 'Answer',
  comment: 'Comment',
  measurement: 'Measurement',
  unit: 'Unit',
  signedOffAt: 'Signed off',
  signedOffBy: 'Signed off by',
  body: 'Note',
  templateName: 'Checklist',
  photoOnFail: 'Photo required when failed',
};

export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value as history or the activity feed shows it (the feed has no current/overwritten mark). */
export type ShownField = Omit<HistoryField, 'current'> & { current?: boolean };

const EMPTY_WORDS: Record<string, string> = { assignee: 'Unassigned', siteId: 'No site', result: 'No answer', signedOffAt: 'Not signed off' };
const RESULT_WORDS: Record<string, string> = { pass: 'Pass', fail: 'Fail', na: 'N/A' };

const isStatus = (v: unknown): v is JobStatus => typeof v === 'string' && Object.prototype.hasOwnProperty.call(STATUS_LABELS, v);
const isPriority = (v: unknown): v is JobPriority => typeof v === 'string' && Object.prototype.hasOwnProperty.call(PRIORITY_LABELS, v);

/** The value as a worker reads it; `max` shortens it (for a button's name), the panel shows it whole. */
export function valueText(field: ShownField, max?: number): string {
  const text = fullText(field);
  return max !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fullText({ field, value, label }: ShownField): string {
  if (field === 'photoOnFail' && typeof value === 'number') return value === 1 ? 'Yes' : 'No';
  if (field === 'deletedAt') return value === null ? 'No (live)' : `Yes, ${formatDateTime(String(value))}`;
  if (value === null || value === '') return EMPTY_WORDS[field] ?? '(empty)';
  if (field === 'status' && isStatus(value)) return STATUS_LABELS[value];
  if (field === 'priority' && isPriority(value)) return PRIORITY_LABELS[value];
  if (field === 'signedOffAt' && typeof value === 'string') return formatDateTime(value);
  if (field === 'result' && typeof value === 'string') return RESULT_WORDS[value] ?? value;
  if (field === 'dueDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field.endsWith('Id')) return label ?? `Unknown ${fieldLabel(field).toLowerCase()}`;
  return String(value);
}
