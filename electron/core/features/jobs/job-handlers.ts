import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit } from '../../changes/change-log.js';
import type { Queryable } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { appendNote } from '../notes/note-queries.js';
import { getLiveSite } from '../sites/site-queries.js';
import { countJobs, countKey, JobCountCache } from './job-count.js';
import { jobEntity } from './job-entity.js';
import { getJob, getLiveJob, listAssignees, listJobs, type Me, type SearchMatcher } from './job-queries.js';
import { assignmentText, setJobStatus, updateJob } from './job-writes.js';

export { assignmentText } from './job-writes.js';

export interface JobDeps extends FeatureDeps {
  /** This device's worker name, for "assigned to me"; null until set. */
  me?: () => string | null;
  /** This worker's stable person id (the device id), so "assigned to me" survives a rename. */
  meId?: () => string;
  /** In-memory search (job-search-index.ts); without it searches use LIKE. */
  searchIndex?: SearchMatcher;
  /** Cached `jobs.count` answers; the composition root invalidates it on writes and pulls. */
  counts?: JobCountCache;
}

async function assertSite(tx: Queryable, siteId: string | null | undefined): Promise<void> {
  if (siteId) await getLiveSite(tx, siteId);
}

export function jobHandlers({ db, edits, onLocalWrite, me = () => null, meId, searchIndex, counts = new JobCountCache() }: JobDeps): FeatureHandlers {
  const whoAmI = (): Me | null => {
    const name = me();
    return name === null ? null : { id: meId?.() ?? edits.deviceId, name };
  };
  return {
    'jobs.list': (input) => listJobs(db, input, whoAmI(), searchIndex),
    'jobs.count': async (input) => {
      const who = whoAmI();
      return { total: await counts.count(countKey(input, who), () => countJobs(db, input, who, searchIndex)) };
    },
    'jobs.get': (input) => getJob(db, input.id),
    'jobs.assignees': () => listAssignees(db),
    'jobs.create': async (input) => {
      const id = uuidv7(edits.now().getTime());
      await db.transaction(async (tx) => {
        await assertSite(tx, input.siteId);
        const assignee = input.assignee ?? null;
        await recordEdit(tx, edits, jobEntity, {
          entityId: id,
          kind: 'create',
          values: {
            title: input.title,
            description: input.description ?? '',
            priority: input.priority ?? 'normal',
            status: input.status ?? 'open',
            assignee,
            assigneeId: assignee === null ? null : (input.assigneeId ?? null),
            dueDate: input.dueDate ?? null,
            siteId: input.siteId ?? null,
          },
        });
        if (assignee) await appendNote(tx, edits, id, 'assignment', assignmentText(null, assignee));
      });
      onLocalWrite();
      return getJob(db, id);
    },
    'jobs.update': async (input) => {
      const { id, ...changes } = input;
      const changed = await db.transaction((tx) => updateJob(tx, edits, id, changes));
      if (changed) onLocalWrite();
      return getJob(db, id);
    },
    'jobs.setStatus': async (input) => {
      const changed = await db.transaction((tx) => setJobStatus(tx, edits, input.id, input.status));
      if (changed) onLocalWrite();
      return getJob(db, input.id);
    },
    'jobs.delete': async (input) => {
      await db.transaction(async (tx) => {
        await getLiveJob(tx, input.id);
        await recordEdit(tx, edits, jobEntity, { entityId: input.id, kind: 'delete', values: {} });
      });
      onLocalWrite();
      return { id: input.id };
    },
  };
}
