import { uuidv7 } from '../../../../shared/ids.js';
import type { Db } from '../../db/database.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import { jobEntity } from './job-entity.js';
import { getJob, listJobs } from './job-queries.js';

export interface JobDeps {
  db: Db;
  edits: EditContext;
  /** Tell the sync loop there is something new to push. */
  onLocalWrite: () => void;
}

export function jobHandlers({ db, edits, onLocalWrite }: JobDeps): FeatureHandlers {
  return {
    'jobs.list': (input) => listJobs(db, input.limit ?? 50, input.cursor ?? null),
    'jobs.get': (input) => getJob(db, input.id),
    'jobs.create': async (input) => {
      const id = uuidv7(edits.now().getTime());
      await db.transaction((tx) =>
        recordEdit(tx, edits, jobEntity, {
          entityId: id,
          kind: 'create',
          values: {
            title: input.title,
            description: input.description ?? '',
            priority: input.priority ?? 'normal',
            status: input.status ?? 'open',
            assignee: input.assignee ?? null,
            dueDate: input.dueDate ?? null,
            siteId: null,
          },
        }),
      );
      onLocalWrite();
      return getJob(db, id);
    },
  };
}
