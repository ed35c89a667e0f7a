import type { EditContext } from '../../changes/change-log.js';
import type { Db } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import { pastMoment } from '../as-of/as-of-handlers.js';
import { listActivity } from './activity-queries.js';

export function activityHandlers({ db, edits }: { db: Db; edits: EditContext }): FeatureHandlers {
  return {
    'activity.list': (input) =>
      listActivity(db, {
        since: input.since ? pastMoment(input.since, edits, 'since') : undefined,
        // A range may end in the future ("until the end of today").
        until: input.until ? new Date(input.until) : undefined,
        personId: input.personId,
        kinds: input.kinds,
        limit: input.limit,
        cursor: input.cursor,
      }),
  };
}
