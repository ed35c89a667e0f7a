import { z } from 'zod';
import type { Job, JobPage } from '../domain/jobs.js';
import { JOB_PRIORITIES, JOB_SORTS, JOB_STATUSES, SORT_DIRECTIONS } from '../domain/jobs.js';
import { cursor, empty, id, isoDate, person, text, title } from './fields.js';
import { personId } from './people.js';
import { returns, spec } from './spec.js';

export const jobCreateInput = z.strictObject({
  title,
  description: text.optional(),
  siteId: id.nullable().optional(),
  priority: z.enum(JOB_PRIORITIES).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  assignee: person.nullable().optional(),
  /** The assignee's person id when picked from `people.list`; omitted or null for a typed name. */
  assigneeId: personId.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
});

export const jobUpdateInput = z.strictObject({
  id,
  title: title.optional(),
  description: text.optional(),
  siteId: id.nullable().optional(),
  priority: z.enum(JOB_PRIORITIES).optional(),
  assignee: person.nullable().optional(),
  /** With `assignee`: the person id, or null for a typed name. Omitted with an unchanged name keeps the id. */
  assigneeId: personId.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
});

export const jobListInput = z.strictObject({
  /** Words, each found (any case, any order) in title, description or site name; rules in search-text.ts. */
  search: z.string().max(200).optional(),
  status: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).optional(),
  priority: z.array(z.enum(JOB_PRIORITIES)).max(JOB_PRIORITIES.length).optional(),
  /** A name, or null for unassigned jobs. */
  assignee: person.nullable().optional(),
  /** Jobs assigned to this worker: by person id, or by name for jobs assigned by typed name. */
  assignedToMe: z.boolean().optional(),
  siteId: id.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  sort: z.enum(JOB_SORTS).optional(),
  direction: z.enum(SORT_DIRECTIONS).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  cursor: cursor.nullable().optional(),
}).refine((input) => !input.dueFrom || !input.dueTo || input.dueFrom <= input.dueTo, {
  path: ['dueTo'],
  message: 'is before “Due from”, so no job can match',
});

export const jobsContract = {
  'jobs.list': spec(
    jobListInput,
    returns<JobPage>(),
    'A page of live jobs matching search and filters, sorted (default: newest first), keyset-paged.',
  ),
  'jobs.get': spec(z.strictObject({ id }), returns<Job>(), 'One job by id (NOT_FOUND if it does not exist).'),
  'jobs.create': spec(jobCreateInput, returns<Job>(), 'Create a job on this device; it syncs later.'),
  'jobs.update': spec(jobUpdateInput, returns<Job>(), 'Change the given fields of a job; an assignment change is noted on its timeline.'),
  'jobs.setStatus': spec(
    z.strictObject({ id, status: z.enum(JOB_STATUSES) }),
    returns<Job>(),
    'Move a job to another status (reopen included); noted on its timeline.',
  ),
  'jobs.count': spec(
    jobListInput,
    returns<{ total: number }>(),
    'How many live jobs match the search and filters (sort, limit and cursor are ignored); cached until data changes.',
  ),
  'jobs.assignees': spec(empty, returns<string[]>(), 'Distinct assignee names of live jobs, for the assignee filter.'),
  'jobs.delete': spec(z.strictObject({ id }), returns<{ id: string }>(), 'Delete a job (kept as a tombstone for sync).'),
} as const;
