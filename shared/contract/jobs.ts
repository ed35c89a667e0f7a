import { z } from 'zod';
import type { Job, JobPage } from '../domain/jobs.js';
import { JOB_PRIORITIES, JOB_STATUSES } from '../domain/jobs.js';
import { id, isoDate, person, text, title } from './fields.js';
import { returns, spec } from './spec.js';

export const jobCreateInput = z.strictObject({
  title,
  description: text.optional(),
  priority: z.enum(JOB_PRIORITIES).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  assignee: person.nullable().optional(),
  dueDate: isoDate.nullable().optional(),
});

export const jobsContract = {
  'jobs.list': spec(
    z.strictObject({
      limit: z.number().int().min(1).max(500).optional(),
      cursor: z.string().max(200).nullable().optional(),
    }),
    returns<JobPage>(),
    'A page of live jobs, newest first.',
  ),
  'jobs.get': spec(z.strictObject({ id }), returns<Job>(), 'One job by id (NOT_FOUND if it does not exist).'),
  'jobs.create': spec(jobCreateInput, returns<Job>(), 'Create a job on this device; it syncs later.'),
} as const;
