import { STATUS_LABELS } from '../../../../shared/domain/jobs.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit } from '../../changes/change-log.js';
import type { Queryable, SqlValue } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { appendNote } from '../notes/note-queries.js';
import { getLiveSite } from '../sites/site-queries.js';
import { jobEntity } from './job-entity.js';
import { getJob, getLiveJob, listAssignees, listJobs, type SearchMatcher } from './job-queries.js';

export interface JobDeps extends FeatureDeps {
  /** This device's worker name, for "assigned to me"; null until set. */
  me?: () => string | null;
  /** In-memory search (job-search-index.ts); without it searches use LIKE. */
  searchIndex?: SearchMatcher;
}

type JobField = 'title' | 'description' | 'siteId' | 'priority' | 'assignee' | 'dueDate';

export function assignmentText(from: string | null, to: string | null): string {
  if (to === null) return `Unassigned (was ${from ?? 'nobody'})`;
  return from === null ? `Assigned to ${to}` : `Reassigned from ${from} to ${to}`;
}

async function assertSite(tx: Queryable, siteId: string | null | undefined): Promise<void> {
  if (siteId) await getLiveSite(tx, siteId);
}

export function jobHandlers({ db, edits, onLocalWrite, me = () => null, searchIndex }: JobDeps): FeatureHandlers {
  return {
    'jobs.list': (input) => listJobs(db, input, me(), searchIndex),
    'jobs.get': (input) => getJob(db, input.id),
    'jobs.assignees': () => listAssignees(db),
    'jobs.create': async (input) => {
      const id = uuidv7(edits.now().getTime());
      await db.transaction(async (tx) => {
        await assertSite(tx, input.siteId);
        await recordEdit(tx, edits, jobEntity, {
          entityId: id,
          kind: 'create',
          values: {
            title: input.title,
            description: input.description ?? '',
            priority: input.priority ?? 'normal',
            status: input.status ?? 'open',
            assignee: input.assignee ?? null,
            dueDate: input.dueDate ?? null,
            siteId: input.siteId ?? null,
          },
        });
        if (input.assignee) await appendNote(tx, edits, id, 'assignment', assignmentText(null, input.assignee));
      });
      onLocalWrite();
      return getJob(db, id);
    },
    'jobs.update': async (input) => {
      const changed = await db.transaction(async (tx) => {
        const job = await getLiveJob(tx, input.id);
        if (input.siteId !== undefined && input.siteId !== job.siteId) await assertSite(tx, input.siteId);
        const values: Partial<Record<JobField, SqlValue>> = {};
        for (const field of ['title', 'description', 'siteId', 'priority', 'assignee', 'dueDate'] as const) {
          const next = input[field];
          if (next !== undefined && next !== job[field]) values[field] = next;
        }
        if (Object.keys(values).length === 0) return false;
        await recordEdit(tx, edits, jobEntity, { entityId: input.id, kind: 'update', values });
        if ('assignee' in values) {
          await appendNote(tx, edits, input.id, 'assignment', assignmentText(job.assignee, input.assignee ?? null));
        }
        return true;
      });
      if (changed) onLocalWrite();
      return getJob(db, input.id);
    },
    'jobs.setStatus': async (input) => {
      const changed = await db.transaction(async (tx) => {
        const job = await getLiveJob(tx, input.id);
        if (job.status === input.status) return false;
        await recordEdit(tx, edits, jobEntity, { entityId: input.id, kind: 'update', values: { status: input.status } });
        const verb = job.status === 'done' ? 'Reopened' : 'Status changed';
        await appendNote(
          tx,
          edits,
          input.id,
          'status',
          `${verb}: ${STATUS_LABELS[job.status]} → ${STATUS_LABELS[input.status]}`,
        );
        return true;
      });
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
