import type { Db } from '../../db/database.js';
import type { EventHub } from '../../events.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import { currentAssignees, filterPeople, mergePeople, workersFromChangeLog, type Worker } from './people-queries.js';

export interface PeopleDeps {
  db: Db;
  events: EventHub;
  /** This worker (person id = device id, current profile name), or null before the name is set. */
  me: () => Worker | null;
}

/**
 * The change-log scan is cached: other devices' names only arrive by pull
 * (`data.changed`), and this device is always listed under its current name.
 */
export function peopleHandlers({ db, events, me }: PeopleDeps): FeatureHandlers {
  let workers: Promise<Worker[]> | null = null;
  events.on((event) => {
    if (event === 'data.changed') workers = null;
  });
  return {
    'people.list': async (input) => {
      const loading = (workers ??= workersFromChangeLog(db));
      const [known, assignees] = await Promise.all([
        loading.catch((error: unknown) => {
          if (workers === loading) workers = null;
          throw error;
        }),
        currentAssignees(db),
      ]);
      return filterPeople(mergePeople(known, assignees, me()), input.search, input.limit ?? 50);
    },
  };
}
