import { z } from 'zod';
import type { ExportResult } from '../domain/reports.js';
import { id, isoDate } from './fields.js';
import { jobListInput } from './jobs.js';
import { returns, spec } from './spec.js';

/** A range of whole days (UTC), both ends included; "to" before "from" is refused, not swapped. */
export const dayRangeInput = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((input) => input.from <= input.to, { path: ['to'], message: 'is before “From”, so the range holds no day' });

export const reportsContract = {
  'reports.jobPdf': spec(
    z.strictObject({ jobId: id }),
    returns<ExportResult>(),
    "Make the job's PDF report (job, site, checklist, photos, sign-off, timeline) and save it where the worker chooses.",
  ),
  'reports.jobsCsv': spec(
    jobListInput,
    returns<ExportResult>(),
    'Export every job matching the list’s search and filters, in its sort order, as CSV (limit and cursor are ignored).',
  ),
  'reports.inspectionsCsv': spec(
    dayRangeInput,
    returns<ExportResult>(),
    'Export checklist results, one row per item with job and site, of inspections signed off (or last changed) in the day range, as CSV.',
  ),
} as const;
