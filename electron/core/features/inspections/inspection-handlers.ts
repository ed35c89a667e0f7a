import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit } from '../../changes/change-log.js';
import type { SqlValue } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { getJob, getLiveJob } from '../jobs/job-queries.js';
import { appendNote } from '../notes/note-queries.js';
import { getLiveTemplate } from '../templates/template-queries.js';
import { inspectionEntity, inspectionItemEntity } from './inspection-entity.js';
import { photoMissingMessage } from '../../../../shared/domain/inspections.js';
import { assertEditable, failedItemsWithoutPhoto, findInspectionForJob, getInspection } from './inspection-queries.js';

type ItemField = 'result' | 'comment' | 'measurement' | 'unit';

export function inspectionHandlers({ db, edits, onLocalWrite }: FeatureDeps): FeatureHandlers {
  return {
    'inspections.forJob': async (input) => {
      await getJob(db, input.jobId);
      return findInspectionForJob(db, input.jobId);
    },
    'inspections.start': async (input) => {
      const id = await db.transaction(async (tx) => {
        await getLiveJob(tx, input.jobId);
        const template = await getLiveTemplate(tx, input.templateId);
        if (await findInspectionForJob(tx, input.jobId)) {
          throw new AppError('CONFLICT', 'This job already has a checklist.');
        }
        const inspectionId = uuidv7(edits.now().getTime());
        await recordEdit(tx, edits, inspectionEntity, {
          entityId: inspectionId,
          kind: 'create',
          values: { jobId: input.jobId, templateId: template.id, templateName: template.name, signedOffAt: null, signedOffBy: null },
        });
        // Items are copied, so later template edits never rewrite a finished inspection.
        for (const [position, label] of template.items.entries()) {
          await recordEdit(tx, edits, inspectionItemEntity, {
            entityId: uuidv7(edits.now().getTime()),
            kind: 'create',
            values: { inspectionId, position, label, result: null, comment: '', measurement: null, unit: '', photoOnFail: template.photoOnFail.includes(label) ? 1 : 0 },
          });
        }
        await appendNote(tx, edits, input.jobId, 'inspection', `Checklist “${template.name}” started`);
        return inspectionId;
      });
      onLocalWrite();
      return getInspection(db, id);
    },
    'inspections.setItem': async (input) => {
      const changed = await db.transaction(async (tx) => {
        const inspection = await getInspection(tx, input.inspectionId);
        assertEditable(inspection);
        const item = inspection.items.find((i) => i.id === input.itemId);
        if (!item) throw new AppError('NOT_FOUND', `Checklist item ${input.itemId} is not part of inspection ${input.inspectionId}`);
        const values: Partial<Record<ItemField, SqlValue>> = {};
        for (const field of ['result', 'comment', 'measurement', 'unit'] as const) {
          const next = input[field];
          if (next !== undefined && next !== item[field]) values[field] = next;
        }
        if (Object.keys(values).length === 0) return false;
        await recordEdit(tx, edits, inspectionItemEntity, { entityId: item.id, kind: 'update', values });
        return true;
      });
      if (changed) onLocalWrite();
      return getInspection(db, input.inspectionId);
    },
    'inspections.signOff': async (input) => {
      await db.transaction(async (tx) => {
        const inspection = await getInspection(tx, input.id);
        assertEditable(inspection);
        const open = inspection.items.filter((i) => i.result === null).length;
        if (open > 0) {
          throw new AppError('INVALID_INPUT', `${open} checklist item(s) have no answer yet; answer every item before signing off.`);
        }
        // Checked here, in the sign-off's transaction: the renderer's own check is only a courtesy.
        const needPhoto = await failedItemsWithoutPhoto(tx, inspection.id);
        if (needPhoto.length > 0) throw new AppError('INVALID_INPUT', photoMissingMessage(needPhoto), 'items');
        await recordEdit(tx, edits, inspectionEntity, {
          entityId: input.id,
          kind: 'update',
          values: { signedOffAt: edits.now().toISOString(), signedOffBy: edits.actor() },
        });
        await appendNote(tx, edits, inspection.jobId, 'inspection', `Checklist “${inspection.templateName}” signed off`);
      });
      onLocalWrite();
      return getInspection(db, input.id);
    },
    'inspections.reopen': async (input) => {
      await db.transaction(async (tx) => {
        const inspection = await getInspection(tx, input.id);
        if (!inspection.signedOffAt) throw new AppError('CONFLICT', 'This checklist is not signed off, so there is nothing to reopen.');
        await recordEdit(tx, edits, inspectionEntity, {
          entityId: input.id,
          kind: 'update',
          values: { signedOffAt: null, signedOffBy: null },
        });
        await appendNote(tx, edits, inspection.jobId, 'inspection', `Checklist “${inspection.templateName}” reopened`);
      });
      onLocalWrite();
      return getInspection(db, input.id);
    },
  };
}
