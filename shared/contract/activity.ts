import { z } from 'zod';
import { ACTIVITY_AREAS, type ActivityArchived, type ActivityPage, type ArchivedActivityPage } from '../domain/activity.js';
import { moment } from './as-of.js';
import { cursor } from './fields.js';
import { personId } from './people.js';
import { returns, spec } from './spec.js';

const filters = {
  /** Edits at or after this moment. */
  since: moment.optional(),
  /** Edits at or before this moment. */
  until: moment.optional(),
  /** Only this person's edits (their device id, as `people.list` gives it). */
  personId: personId.optional(),
  kinds: z.array(z.enum(ACTIVITY_AREAS)).max(ACTIVITY_AREAS.length).optional(),
};

export const activityContract = {
  'activity.list': spec(
    z.strictObject({
      ...filters,
      limit: z.number().int().min(1).max(200).optional(),
      cursor: cursor.nullish(),
    }),
    returns<ActivityPage>(),
    'What changed in the workspace, newest edit first, by whom; filtered by time range, person and kind; keyset-paged.',
  ),
  'activity.archived': spec(
    z.strictObject(filters),
    returns<ActivityArchived | null>(),
    'Whether compaction archived edits of this range (the feed lists only what is left); null when nothing is archived.',
  ),
  'activity.loadArchived': spec(
    z.strictObject({ ...filters, limit: z.number().int().min(1).max(200).optional(), cursor: cursor.nullish() }),
    returns<ArchivedActivityPage>(),
    "The range's archived edits read back from the workspace archive, newest first; needs the network.",
  ),
} as const;
