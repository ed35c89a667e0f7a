/**
 * Report media from the photos feature: the job's photos, each checklist
 * item's photos and the sign-off's newest signature. An original not on this
 * laptop is fetched when the store can be reached (hash-checked by Originals),
 * within a short wait so an offline report is not held up; otherwise the
 * thumbnail stands in and the report says so. pdfkit embeds only JPEG and
 * PNG, so other types (WebP thumbnails) are converted with sharp.
 */
import sharp from 'sharp';
import type { Queryable } from '../../db/database.js';
import type { AttachmentForReport } from '../attachments/attachment-reader.js';
import type { PhotoService } from '../attachments/photo-service.js';
import type { ReportImage, ReportMedia } from './report-media.js';

/** How long one original may take to arrive before its thumbnail is used. */
const FETCH_WAIT_MS = 5_000;
const EMBEDDABLE = new Set(['image/jpeg', 'image/png']);
const THUMBNAIL_NOTE = 'Thumbnail: the full photo is not on this laptop and could not be fetched.';

async function embeddable(bytes: Buffer, mediaType: string): Promise<Buffer> {
  if (EMBEDDABLE.has(mediaType)) return bytes;
  return sharp(bytes).jpeg({ quality: 88 }).toBuffer();
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function attachmentReportMedia(photos: PhotoService, db: Queryable): ReportMedia {
  const reader = photos.reader();

  const image = async (attachment: AttachmentForReport, index: number): Promise<ReportImage | null> => {
    const caption = attachment.caption || (attachment.kind === 'signature' ? 'Signature' : `Photo ${index + 1}`);
    let original = attachment.original;
    if (original === null) {
      const fetched = await within(photos.originals.get(attachment.sha256), FETCH_WAIT_MS).catch(() => null);
      if (fetched && 'bytes' in fetched) original = fetched.bytes;
    }
    try {
      if (original !== null) return { data: await embeddable(original, attachment.mediaType), caption };
      if (attachment.thumbnail) return { data: await embeddable(attachment.thumbnail.bytes, attachment.thumbnail.mediaType), caption, note: THUMBNAIL_NOTE };
    } catch {
      // An image sharp cannot read: the report layout says so instead of failing the whole report.
      return { data: Buffer.alloc(0), caption, note: 'This image could not be read.' };
    }
    return null;
  };

  const images = async (attachments: AttachmentForReport[]): Promise<ReportImage[]> => {
    const result: ReportImage[] = [];
    for (const [index, attachment] of attachments.entries()) {
      const one = await image(attachment, index);
      if (one) result.push(one);
    }
    return result;
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
      return newest ? image(newest, 0) : null;
    },
  };
}
