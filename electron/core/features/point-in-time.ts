/**
 * Point in time from the change log ("as it was at", restore to a moment, the
 * activity feed) as one slice of the handler table, wired in one line.
 */
import type { EventHub } from '../events.js';
import type { FeatureHandlers } from '../rpc/handlers.js';
import { activityHandlers } from './activity/activity-handlers.js';
import { asOfHandlers } from './as-of/as-of-handlers.js';
import type { FeatureDeps } from './feature-deps.js';

export function pointInTimeHandlers({ db, edits, onLocalWrite }: FeatureDeps, events: EventHub): FeatureHandlers {
  return {
    ...asOfHandlers({
      db,
      edits,
      onLocalWrite: (names) => {
        onLocalWrite();
        events.emit('data.changed', { entities: names });
      },
    }),
    ...activityHandlers({ db, edits }),
  };
}
