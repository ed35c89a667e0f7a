import { AppError } from '../../../../shared/errors.js';
import { recordEdit } from '../../changes/change-log.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SecretBox } from '../../settings/secret-box.js';
import type { FeatureDeps } from '../feature-deps.js';
import { attachmentEntity } from './attachment-entity.js';
import { assertRestorable, attachmentRow, attachmentRows, toAttachment, type AttachmentRow } from './attachment-queries.js';
import { capturePhoto } from './capture-photo.js';
import type { PhotoService } from './photo-service.js';
import { testPhotoStorage } from './store-test-handler.js';

export function attachmentHandlers(deps: FeatureDeps, photos: PhotoService, secrets: SecretBox, onChanged: () => void): FeatureHandlers {
  const { db, edits, onLocalWrite } = deps;
  const view = (row: AttachmentRow) =>
    toAttachment(row, { originalHere: photos.originals.has(row.sha256), upload: photos.queue.get(row.sha256)?.state ?? null });
  const edit = async (id: string, kind: 'update' | 'delete' | 'restore', values: { caption?: string }) => {
    await db.transaction(async (tx) => {
      const row = await attachmentRow(tx, id);
      if (kind === 'delete' && row.deletedAt) return;
      if (kind === 'restore' && !row.deletedAt) return;
      if (kind === 'restore') await assertRestorable(tx, row);
      if (kind === 'update' && row.deletedAt) throw new AppError('CONFLICT', 'This photo was deleted; restore it before changing its caption.');
      await recordEdit(tx, edits, attachmentEntity, { entityId: id, kind, values });
    });
    onLocalWrite();
    onChanged();
    return view(await attachmentRow(db, id));
  };
  return {
    'attachments.add': async (input) => {
      const id = await capturePhoto(deps, photos, {
        ownerType: input.ownerType,
        ownerId: input.ownerId,
        bytes: Buffer.from(input.data, 'base64'),
        caption: input.caption,
        takenAt: input.takenAt,
        // Omitted, the worker's remembered choice applies (camera, drop and paste alike).
        keepLocation: input.keepLocation ?? photos.capture.read().keepLocation,
      });
      onChanged();
      return view(await attachmentRow(db, id));
    },
    'attachments.list': async (input) => (await attachmentRows(db, { jobId: input.jobId, includeDeleted: input.includeDeleted })).map(view),
    'attachments.original': async (input) => {
      const row = await attachmentRow(db, input.id);
      const result = await photos.originals.get(row.sha256);
      if ('missing' in result) throw new AppError('NOT_FOUND', result.missing);
      return { id: row.id, mediaType: row.mediaType, dataUrl: `data:${row.mediaType};base64,${result.bytes.toString('base64')}` };
    },
    'attachments.setCaption': async (input) => edit(input.id, 'update', { caption: input.caption }),
    'attachments.delete': async (input) => edit(input.id, 'delete', {}),
    'attachments.restore': async (input) => edit(input.id, 'restore', {}),
    'attachments.uploads': async () => photos.queue.list(),
    'attachments.captureSettings': async () => photos.capture.read(),
    'attachments.setCaptureSettings': async (input) => photos.capture.write({ keepLocation: input.keepLocation }),
    'settings.getObjectStore': async () => photos.storeSettings.view(),
    'settings.testObjectStore': async (input) => testPhotoStorage(photos.storeSettings, input),
    'settings.setObjectStore': async (input) => {
      if (typeof input.secretAccessKey === 'string' && !secrets.isSecure && input.allowPlainTextSecret !== true) {
        throw new AppError(
          'TOKEN_STORAGE_INSECURE',
          `This computer offers no secure storage for the photo store secret (${secrets.backend}); it would be saved in plain text. ` +
            'Ask the user to confirm, then send allowPlainTextSecret: true.',
        );
      }
      photos.storeSettings.save({
        endpoint: input.endpoint,
        bucket: input.bucket,
        region: input.region,
        accessKeyId: input.accessKeyId,
        secretAccessKey: input.secretAccessKey,
        prefix: input.prefix,
      });
      photos.settingsChanged();
      return photos.storeSettings.view();
    },
  };
}
