/** Reading and writing attachment records and their thumbnails in the replica. */
import type { Attachment, AttachmentOwnerType, UploadState } from '../../../../shared/domain/attachments.js';
import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Queryable } from '../../db/database.js';
import { attachmentEntity } from './attachment-entity.js';

/** An attachment's own fields, named as the domain names them (without this laptop's thumbnail form, original or upload). */
export type AttachmentRecord = Omit<Attachment, 'thumbnail' | 'originalHere' | 'upload'>;

export interface AttachmentRow extends AttachmentRecord {
  thumbType: string | null;
  thumb: Uint8Array | null;
}

// Columns come back under the domain's names, so a row is the record plus its thumbnail.
const SELECT = `SELECT a.id, a.job_id AS jobId, a.owner_type AS ownerType, a.owner_id AS ownerId, a.kind, a.sha256,
  a.media_type AS mediaType, a.byte_size AS byteSize, a.width, a.height, a.caption, a.taken_at AS takenAt,
  a.latitude, a.longitude, a.created_at AS createdAt, a.created_by AS createdBy, a.deleted_at AS deletedAt, t.media_type AS thumbType, t.data AS thumb
  FROM attachments a LEFT JOIN attachment_thumbnails t ON t.id = a.id`;
/** The engine may hand back integers as bigints: sizes are plain numbers in the domain. */
const numbered = (row: AttachmentRow): AttachmentRow => ({
  ...row,
  byteSize: Number(row.byteSize),
  width: Number(row.width),
  height: Number(row.height),
  latitude: row.latitude === null ? null : Number(row.latitude),
  longitude: row.longitude === null ? null : Number(row.longitude),
});
// The creating edit's clock stamp orders photos added in the same millisecond.
const ORDER = 'ORDER BY a.created_at, a.id';

export interface AttachmentFilter {
  jobId?: string;
  ownerId?: string;
  includeDeleted?: boolean;
}

export async function attachmentRows(db: Queryable, filter: AttachmentFilter): Promise<AttachmentRow[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.jobId !== undefined) {
    where.push('a.job_id = ?');
    params.push(filter.jobId);
  }
  if (filter.ownerId !== undefined) {
    where.push('a.owner_id = ?');
    params.push(filter.ownerId);
  }
  if (!filter.includeDeleted) where.push('a.deleted_at IS NULL');
  const rows = await db.all<AttachmentRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`, params);
  return rows.map(numbered);
}

export async function attachmentRow(db: Queryable, id: string): Promise<AttachmentRow> {
  const row = await db.get<AttachmentRow>(`${SELECT} WHERE a.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', 'This photo does not exist (it may not have arrived on this laptop yet).');
  return numbered(row);
}

export function toAttachment(row: AttachmentRow, local: { originalHere: boolean; upload: UploadState | null }): Attachment {
  const { thumb, thumbType, ...record } = row;
  return { ...record, thumbnail: thumb && thumbType ? `data:${thumbType};base64,${Buffer.from(thumb).toString('base64')}` : null, ...local };
}

/** The job an owner belongs to; refuses an owner that does not exist or was deleted. */
export async function ownerJobId(db: Queryable, ownerType: AttachmentOwnerType, ownerId: string): Promise<string> {
  const lookups: Record<AttachmentOwnerType, { sql: string; what: string }> = {
    job: { sql: 'SELECT id AS job_id, deleted_at FROM jobs WHERE id = ?', what: 'job' },
    note: { sql: 'SELECT job_id, deleted_at FROM job_notes WHERE id = ?', what: 'note' },
    inspection_item: {
      sql: `SELECT i.job_id, coalesce(it.deleted_at, i.deleted_at) AS deleted_at FROM inspection_items it
            JOIN inspections i ON i.id = it.inspection_id WHERE it.id = ?`,
      what: 'checklist item',
    },
    sign_off: { sql: 'SELECT job_id, deleted_at FROM inspections WHERE id = ?', what: 'checklist' },
  };
  const lookup = lookups[ownerType];
  const row = await db.get<{ job_id: string; deleted_at: string | null }>(lookup.sql, [ownerId]);
  if (!row) throw new AppError('NOT_FOUND', `The ${lookup.what} to attach the photo to does not exist.`, 'ownerId');
  if (row.deleted_at) throw new AppError('NOT_FOUND', `The ${lookup.what} to attach the photo to was deleted.`, 'ownerId');
  const job = await db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM jobs WHERE id = ?', [row.job_id]);
  if (!job || job.deleted_at) throw new AppError('NOT_FOUND', 'The job of this photo was deleted.', 'ownerId');
  return row.job_id;
}

/** A deleted photo comes back only where it can be seen: its job (and owner) must be live. */
export async function assertRestorable(db: Queryable, row: AttachmentRow): Promise<void> {
  try {
    await ownerJobId(db, row.ownerType, row.ownerId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const job = await db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM jobs WHERE id = ?', [row.jobId]);
    const what = !job || job.deleted_at ? 'its job was deleted: restore the job first (under Deleted)' : 'what it was attached to was deleted';
    throw new AppError('CONFLICT', `This photo cannot be restored: ${what}.`);
  }
}

export type NewAttachment = Pick<
  AttachmentRecord,
  'jobId' | 'ownerType' | 'ownerId' | 'kind' | 'sha256' | 'mediaType' | 'byteSize' | 'width' | 'height' | 'caption' | 'takenAt'
> &
  Partial<Pick<AttachmentRecord, 'latitude' | 'longitude'>> & { thumbnail: { mediaType: string; width: number; height: number; data: Uint8Array } };

/** One record through the change log and its thumbnail, in the caller's transaction. */
export async function insertAttachment(tx: Queryable, edits: EditContext, a: NewAttachment): Promise<string> {
  const { thumbnail, ...fields } = a;
  const id = uuidv7(edits.now().getTime());
  await recordEdit(tx, edits, attachmentEntity, {
    entityId: id,
    kind: 'create',
    values: { ...fields, latitude: a.latitude ?? null, longitude: a.longitude ?? null },
  });
  await tx.run('INSERT INTO attachment_thumbnails (id, media_type, width, height, data) VALUES (?, ?, ?, ?, ?)', [
    id,
    thumbnail.mediaType,
    thumbnail.width,
    thumbnail.height,
    thumbnail.data,
  ]);
  return id;
}

/** Originals of live photos on jobs assigned to this worker: fetched ahead so they open offline. */
export async function hashesForMyJobs(db: Queryable, deviceId: string, limit: number): Promise<string[]> {
  const rows = await db.all<{ sha256: string }>(
    `SELECT DISTINCT a.sha256 FROM attachments a JOIN jobs j ON j.id = a.job_id
     WHERE j.assignee_id = ? AND j.deleted_at IS NULL AND a.deleted_at IS NULL AND j.status != 'done'
     ORDER BY a.created_at DESC LIMIT ?`,
    [deviceId, limit],
  );
  return rows.map((r) => r.sha256);
}
