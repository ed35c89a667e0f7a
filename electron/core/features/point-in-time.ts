/**
 * Point in time from the change log ("as it was at", restore to a moment, the
 * activity feed) as one slice of the handler table, wired in one line.
 */
import { ArchivedRows } from '../changes/archived-rows.js';
import type { ArchiveSource } from '../changes/history.js';
import type { EventHub } from '../events.js';
import type { FeatureHandlers } from '../rpc/handlers.js';
import { activityHandlers } from './activity/activity-handlers.js';
import { asOfHandlers } from './as-of/as-of-handlers.js';
import type { FeatureDeps } from './feature-deps.js';

/** `archive`: the workspace's archive of compacted edits, read on demand and kept for the session. */
export function pointInTimeHandlers({ db, edits, onLocalWrite }: FeatureDeps, events: EventHub, archive: ArchiveSource = () => null): FeatureHandlers {
  const archived = new ArchivedRows(archive);
  return {
    ...asOfHandlers({
      db,
      edits,
      onLocalWrite: (names) => {
        onLocalWrite();
        events.emit('data.changed', { entities: names });
      },
      archived,
    }),
    ...activityHandlers({ db, edits, archived }),
  };
}
