import type { TrashEntity } from '../../../../shared/domain/trash.js';
import { AppError } from '../../../../shared/errors.js';
import { recordEdit } from '../../changes/change-log.js';
import type { EntitySpec } from '../../changes/entity.js';
import type { EventHub } from '../../events.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { jobEntity } from '../jobs/job-entity.js';
import { siteEntity } from '../sites/site-entity.js';
import { listTrash } from './trash-queries.js';

const SPECS: Record<TrashEntity, EntitySpec> = { job: jobEntity as EntitySpec, site: siteEntity as EntitySpec };
const WORDS: Record<TrashEntity, string> = { job: 'job', site: 'site' };

export function trashHandlers({ db, edits, onLocalWrite }: FeatureDeps, events: EventHub): FeatureHandlers {
  return {
    'trash.list': (input) => listTrash(db, input),
    'trash.restore': async ({ entity, id }) => {
      const spec = SPECS[entity];
      await db.transaction(async (tx) => {
        const row = await tx.get<{ deleted_at: string | null }>(`SELECT deleted_at FROM ${spec.table} WHERE id = ?`, [id]);
        if (!row) throw new AppError('NOT_FOUND', `No ${WORDS[entity]} with id ${id}`);
        if (row.deleted_at === null) throw new AppError('CONFLICT', `This ${WORDS[entity]} is not deleted, so there is nothing to restore.`);
        // A restore is an edit of deletedAt like any other: it syncs and the later of delete/restore wins.
        await recordEdit(tx, edits, spec, { entityId: id, kind: 'restore', values: {} });
      });
      onLocalWrite();
      events.emit('data.changed', { entities: [entity] });
      return { entity, id };
    },
  };
}
