import type { ArchivedRows } from '../../changes/archived-rows.js';
import type { EditContext } from '../../changes/change-log.js';
import type { Db } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import { pastMoment } from '../as-of/as-of-handlers.js';
import { archivedInRange, loadArchivedActivity } from './activity-archive.js';
import { listActivity, type ActivityQuery } from './activity-queries.js';

type Filters = { since?: string; until?: string; personId?: string; kinds?: ActivityQuery['kinds'] };

export function activityHandlers({ db, edits, archived }: { db: Db; edits: EditContext; archived: ArchivedRows }): FeatureHandlers {
  const range = (input: Filters): ActivityQuery => ({
    since: input.since ? pastMoment(input.since, edits, 'since') : undefined,
    until: input.until ? new Date(input.until) : undefined,
    personId: input.personId,
    kinds: input.kinds,
  });
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
    'activity.archived': (input) => archivedInRange(db, range(input), archived),
    'activity.loadArchived': (input) => loadArchivedActivity(db, { ...range(input), limit: input.limit, cursor: input.cursor }, archived),
  };
}
