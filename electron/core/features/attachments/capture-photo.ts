/**
 * Adding one photo or signature: check the owner, decode and downscale in a
 * child process, keep the original in the blob folder, queue its upload, then
 * write the record and thumbnail through the change log in one transaction.
 * The upload is queued before the record exists, so no record ever lacks
 * one; a crash in between leaves only an upload of a blob nothing shows.
 */
import type { AttachmentKind, AttachmentOwnerType } from '../../../../shared/domain/attachments.js';
import { decodePhoto } from '../../blobs/image-capture.js';
import type { FeatureDeps } from '../feature-deps.js';
import { insertAttachment, ownerJobId } from './attachment-queries.js';
import { photoFacts } from './photo-facts.js';
import type { PhotoService } from './photo-service.js';

export interface CaptureInput {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  bytes: Uint8Array;
  caption?: string;
  /** The file's own time (the renderer's); EXIF DateTimeOriginal wins over it. */
  takenAt?: string;
  keepLocation?: boolean;
}

export async function capturePhoto(deps: FeatureDeps, photos: PhotoService, input: CaptureInput): Promise<string> {
  // Refuse a wrong owner before spending a decode on it.
  await ownerJobId(deps.db, input.ownerType, input.ownerId);
  const image = await decodePhoto(input.bytes, { limits: photos.limits, keepLocation: input.keepLocation === true, runChild: photos.runChild });
  const sha256 = await photos.blobs.put(image.original);
  photos.queue.enqueue(sha256, image.original.length);
  const facts = photoFacts(image, input.takenAt, input.keepLocation === true, deps.edits.now());
  const kind: AttachmentKind = input.ownerType === 'sign_off' ? 'signature' : 'photo';
  const id = await deps.db.transaction(async (tx) => {
    const jobId = await ownerJobId(tx, input.ownerType, input.ownerId);
    return insertAttachment(tx, deps.edits, {
      jobId,
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      kind,
      sha256,
      mediaType: image.mediaType,
      byteSize: image.original.length,
      width: image.width,
      height: image.height,
      caption: input.caption ?? '',
      ...facts,
      thumbnail: { mediaType: image.thumbnailType, width: image.thumbnailWidth, height: image.thumbnailHeight, data: image.thumbnail },
    });
  });
  deps.onLocalWrite();
  photos.uploader.poke();
  return id;
}
