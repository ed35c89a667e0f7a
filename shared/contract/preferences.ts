import { z } from 'zod';
import { JOB_PRIORITIES, JOB_SORTS, JOB_STATUSES, SORT_DIRECTIONS } from '../domain/jobs.js';
import type { Preferences } from '../domain/preferences.js';
import { empty, id, person } from './fields.js';
import { returns, spec } from './spec.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');

export const jobListPreferences = z.strictObject({
  status: z.enum(JOB_STATUSES).nullable(),
  priority: z.enum(JOB_PRIORITIES).nullable(),
  siteId: id.nullable(),
  assignee: person.nullable(),
  unassigned: z.boolean(),
  assignedToMe: z.boolean(),
  dueFrom: day.nullable(),
  dueTo: day.nullable(),
  sort: z.enum(JOB_SORTS),
  direction: z.enum(SORT_DIRECTIONS),
  filtersOpen: z.boolean(),
});

export const preferencesSchema = z.strictObject({ jobList: jobListPreferences.nullable() });

export const preferencesContract = {
  'preferences.get': spec(empty, returns<Preferences>(), "This laptop's view state (the job list's filters and sort); never synced."),
  'preferences.set': spec(preferencesSchema, returns<Preferences>(), 'Replace this laptop’s view state; kept across restarts.'),
} as const;
