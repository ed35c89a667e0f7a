/**
 * Report media from the photos feature: the job's photos, each checklist
 * item's photos and the sign-off's newest signature. An original not on this
 * laptop is fetched when the store can be reached (hash-checked by Originals),
 * within a short wait so an offline report is not held up; otherwise the
 * thumbnail stands in and the report says so. pdfkit embeds only JPEG and
 * PNG: other types (WebP thumbnails) are re-encoded in the image child process.
 */
import { convertToJpeg } from '../../blobs/image-convert.js';
import type { Queryable } from '../../db/database.js';
import type { AttachmentForReport } from '../attachments/attachment-reader.js';
import type { PhotoService } from '../attachments/photo-service.js';
import type { ReportImage, ReportMedia } from './report-media.js';

/** How long one original may take to arrive before its thumbnail is used. */
const FETCH_WAIT_MS = 5_000;
const EMBEDDABLE = new Set(['image/jpeg', 'image/png']);
const THUMBNAIL_NOTE = 'Thumbnail: the full photo is not on this laptop and could not be fetched.';
const UNREADABLE_NOTE = 'This image could not be read.';

interface Chosen {
  caption: string;
  bytes: Buffer;
  mediaType: string;
  note?: string;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function attachmentReportMedia(photos: PhotoService, db: Queryable): ReportMedia {
  const reader = photos.reader();

  /** The original (here, or fetched briefly), else the thumbnail with a note; null when neither exists yet. */
  const choose = async (attachment: AttachmentForReport, index: number): Promise<Chosen | null> => {
    const caption = attachment.caption || (attachment.kind === 'signature' ? 'Signature' : `Photo ${index + 1}`);
    let original = attachment.original;
    if (original === null) {
      const fetched = await within(photos.originals.get(attachment.sha256), FETCH_WAIT_MS).catch(() => null);
      if (fetched && 'bytes' in fetched) original = fetched.bytes;
    }
    if (original !== null) return { caption, bytes: original, mediaType: attachment.mediaType };
    if (attachment.thumbnail) return { caption, bytes: attachment.thumbnail.bytes, mediaType: attachment.thumbnail.mediaType, note: THUMBNAIL_NOTE };
    return null;
  };

  const images = async (attachments: AttachmentForReport[]): Promise<ReportImage[]> => {
    const chosen: Chosen[] = [];
    for (const [index, attachment] of attachments.entries()) {
      const one = await choose(attachment, index);
      if (one) chosen.push(one);
    }
    const needing = chosen.filter((c) => !EMBEDDABLE.has(c.mediaType));
    // A decoder that dies converts nothing: those images are named as unreadable, the report still comes out.
    const converted = await convertToJpeg(
      needing.map((c) => c.bytes),
      photos.runChild,
    ).catch(() => needing.map(() => null));
    const jpegOf = new Map(needing.map((c, i) => [c, converted[i] ?? null]));
    return chosen.map((c) => {
      if (EMBEDDABLE.has(c.mediaType)) return { data: c.bytes, caption: c.caption, ...(c.note ? { note: c.note } : {}) };
      const jpeg = jpegOf.get(c) ?? null;
      if (jpeg === null) return { data: Buffer.alloc(0), caption: c.caption, note: UNREADABLE_NOTE };
      return { data: jpeg, caption: c.caption, ...(c.note ? { note: c.note } : {}) };
    });
  };

  return {
    async jobPhotos(jobId) {
      const attachments = await reader.list({ jobId });
      return images(attachments.filter((a) => a.ownerType === 'job' && a.kind === 'photo'));
    },
    async itemPhotos(inspectionId) {
      const byItem = new Map<string, ReportImage[]>();
      const inspection = await db.get<{ job_id: string }>('SELECT job_id FROM inspections WHERE id = ?', [inspectionId]);
      if (!inspection) return byItem;
      const items = new Set((await db.all<{ id: string }>('SELECT id FROM inspection_items WHERE inspection_id = ?', [inspectionId])).map((r) => r.id));
      const grouped = new Map<string, AttachmentForReport[]>();
      for (const a of await reader.list({ jobId: inspection.job_id })) {
        if (a.ownerType !== 'inspection_item' || a.kind !== 'photo' || !items.has(a.ownerId)) continue;
        grouped.set(a.ownerId, [...(grouped.get(a.ownerId) ?? []), a]);
      }
      for (const [itemId, list] of grouped) byItem.set(itemId, await images(list));
      return byItem;
    },
    async signature(inspectionId) {
      const signatures = await reader.list({ ownerId: inspectionId, kind: 'signature' });
      const newest = signatures.at(-1);
      return newest ? ((await images([newest]))[0] ?? null) : null;
    },
  };
}
