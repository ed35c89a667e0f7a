/**
 * The read side of photos and signatures for other features (PDF reports):
 * the attachments of a job, a checklist item, a note or a sign-off, each with
 * its thumbnail bytes and, when it is on this laptop, the original's bytes.
 * Never touches the network: a report made offline uses what is here.
 *
 *   const reader = core.photos.reader();
 *   const photos = await reader.list({ jobId });          // or { ownerId: itemId }
 *   const signatures = await reader.list({ ownerId: inspectionId, kind: 'signature' });
 */
import type { AttachmentKind } from '../../../../shared/domain/attachments.js';
import type { Queryable } from '../../db/database.js';
import { attachmentRows, type AttachmentRecord } from './attachment-queries.js';

export interface ReportImage {
  mediaType: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface AttachmentForReport extends AttachmentRecord {
  /** The small image from the replica; null only while it has not arrived. */
  thumbnail: Pick<ReportImage, 'mediaType' | 'bytes'> | null;
  /** The full image when it is on this laptop, else null (use the thumbnail). */
  original: Buffer | null;
}

export interface AttachmentQuery {
  jobId?: string;
  ownerId?: string;
  kind?: AttachmentKind;
  /** Load originals that are on this laptop (default true). */
  withOriginals?: boolean;
}

export interface AttachmentReader {
  /** Live attachments, oldest first; a sign-off's newest signature is the last one. */
  list(query: AttachmentQuery): Promise<AttachmentForReport[]>;
}

export function attachmentReader(db: Queryable, originals: { local(sha256: string): Promise<Buffer | null> }): AttachmentReader {
  return {
    async list(query) {
      if (query.jobId === undefined && query.ownerId === undefined) throw new Error('attachmentReader.list needs a jobId or an ownerId');
      const rows = await attachmentRows(db, { jobId: query.jobId, ownerId: query.ownerId });
      const result: AttachmentForReport[] = [];
      for (const row of rows) {
        if (query.kind !== undefined && row.kind !== query.kind) continue;
        const { thumb, thumbType, ...record } = row;
        result.push({
          ...record,
          thumbnail: thumb && thumbType ? { mediaType: thumbType, bytes: Buffer.from(thumb) } : null,
          original: query.withOriginals === false ? null : await originals.local(row.sha256),
        });
      }
      return result;
    },
  };
}
