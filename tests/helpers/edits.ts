/**
 * Edits through the real write path (`recordEdit` with the core's clock and
 * device), for kinds the jobs contract does not expose yet (update, delete,
 * restore). Tests read results back through handlers and SQL.
 */
import type { Core } from '../../electron/core/app-core.js';
import { recordEdit, type ChangeKind, type RecordedChange } from '../../electron/core/changes/change-log.js';
import type { SqlValue } from '../../electron/core/db/database.js';
import { uuidv7 } from '../../shared/ids.js';

export async function edit(
  core: Core,
  entity: string,
  entityId: string,
  kind: ChangeKind,
  values: Record<string, SqlValue> = {},
): Promise<RecordedChange> {
  const spec = core.entities.get(entity);
  if (!spec) throw new Error(`no entity ${entity}`);
  const recorded = await core.replica.db.transaction((tx) => recordEdit(tx, core.edits, spec, { entityId, kind, values }));
  core.sync.notifyLocalWrite();
  return recorded;
}

export interface JobRow {
  id: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  assignee: string | null;
  deleted_at: string | null;
}

export async function jobRow(core: Core, id: string): Promise<JobRow | undefined> {
  return core.replica.db.get<JobRow>(
    'SELECT id, title, description, status, priority, assignee, deleted_at FROM jobs WHERE id = ?',
    [id],
  );
}

/** Many jobs through the real write path, in large transactions so a big push can be built quickly. */
export async function bulkCreateJobs(core: Core, count: number, prefix: string, perTransaction = 1000): Promise<void> {
  const spec = core.entities.get('job')!;
  for (let start = 0; start < count; start += perTransaction) {
    await core.replica.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + perTransaction); i++) {
        await recordEdit(tx, core.edits, spec, {
          entityId: uuidv7(),
          kind: 'create',
          values: { title: `${prefix} ${i}`, description: '', priority: 'normal', status: 'open', assignee: null, dueDate: null, siteId: null },
        });
      }
    });
  }
  core.sync.notifyLocalWrite();
}
