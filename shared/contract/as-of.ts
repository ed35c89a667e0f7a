import { z } from 'zod';
import type { AsOfJob, AsOfSite } from '../domain/as-of.js';
import { id, isRealDate } from './fields.js';
import { returns, spec } from './spec.js';

/** The earliest and latest moment worth asking about; main also refuses moments in the future. */
export const MIN_MOMENT = '2000-01-01T00:00:00.000Z';
export const MAX_MOMENT = '2100-12-31T23:59:59.999Z';

const MOMENT_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant with its offset (a time without one would mean a different instant on each laptop), e.g. 2026-12-01T09:30:00Z or 2026-12-01T10:30:00+01:00. */
export const moment = z
  .string()
  .max(40)
  .refine((text) => MOMENT_PATTERN.test(text) && isRealDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text)), {
    message: 'must be a date and time such as 2026-12-01T09:30:00Z',
    abort: true,
  })
  .refine((text) => Date.parse(text) >= Date.parse(MIN_MOMENT) && Date.parse(text) <= Date.parse(MAX_MOMENT), 'must be between the year 2000 and 2100');

export const asOfContract = {
  'asOf.job': spec(
    z.strictObject({ id, at: moment }),
    returns<AsOfJob>(),
    'A job as it was at a moment: its fields, checklist and timeline after every edit made at or before it (read-only).',
  ),
  'asOf.site': spec(z.strictObject({ id, at: moment }), returns<AsOfSite>(), "A site's fields as they were at a moment (read-only)."),
  'asOf.restore': spec(
    z.strictObject({ entity: z.enum(['job', 'site']), id, at: moment }),
    returns<AsOfJob | AsOfSite>(),
    'Set every field of a job (with its checklist) or site that changed since a moment back to its value then, as one new edit. CONFLICT when nothing differs.',
  ),
} as const;
