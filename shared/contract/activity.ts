import { z } from 'zod';
import { ACTIVITY_AREAS, type ActivityPage } from '../domain/activity.js';
import { moment } from './as-of.js';
import { cursor } from './fields.js';
import { personId } from './people.js';
import { returns, spec } from './spec.js';

export const activityContract = {
  'activity.list': spec(
    z.strictObject({
      /** Edits at or after this moment. */
      since: moment.optional(),
      /** Edits at or before this moment. */
      until: moment.optional(),
      /** Only this person's edits (their device id, as `people.list` gives it). */
      personId: personId.optional(),
      kinds: z.array(z.enum(ACTIVITY_AREAS)).max(ACTIVITY_AREAS.length).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      cursor: cursor.nullish(),
    }),
    returns<ActivityPage>(),
    'What changed in the workspace, newest edit first, by whom; filtered by time range, person and kind; keyset-paged.',
  ),
} as const;
