import type { EntityRegistry } from '../../changes/entity.js';
import type { EditContext } from '../../changes/change-log.js';
import { listHistory, restoreField, specFor, type ArchiveSource, type FieldRestorer } from '../../changes/history.js';
import type { Db } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';

export interface HistoryDeps {
  db: Db;
  edits: EditContext;
  registry: EntityRegistry;
  /** A restore is a local edit: push it, and refresh screens showing the record. */
  onLocalWrite: (entity: string) => void;
  /** Per entity, fields restored through the feature's own write path (timeline entries included). */
  restorers?: Readonly<Record<string, FieldRestorer>>;
  /** Where compaction archived old edits (the workspace's object store); history reads them on demand. */
  archive?: ArchiveSource;
}

export function historyHandlers({ db, edits, registry, onLocalWrite, restorers, archive }: HistoryDeps): FeatureHandlers {
  return {
    'history.list': (input) => listHistory(db, specFor(registry, input.entity), input.entityId, archive),
    'history.restore': async (input) => {
      const record = input.entity && input.entityId ? { entity: input.entity, entityId: input.entityId } : undefined;
      const { spec, entityId } = await restoreField(db, registry, edits, input.changeId, input.field, restorers, archive, record);
      onLocalWrite(spec.entity);
      return listHistory(db, spec, entityId, archive);
    },
  };
}
