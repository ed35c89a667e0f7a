/** Reading and writing attachment records and their thumbnails in the replica. */
import type { Attachment, AttachmentKind, AttachmentOwnerType, UploadState } from '../../../../shared/domain/attachments.js';
import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Queryable } from '../../db/database.js';
import { attachmentEntity } from './attachment-entity.js';

export interface AttachmentRow {
  id: string;
  job_id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  sha256: string;
  media_type: string;
  byte_size: number;
  width: number;
  height: number;
  caption: string;
  taken_at: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
  created_by: string;
  deleted_at: string | null;
  thumb_type: string | null;
  thumb: Uint8Array | null;
}

const SELECT = `SELECT a.id, a.job_id, a.owner_type, a.owner_id, a.kind, a.sha256, a.media_type, a.byte_size, a.width, a.height,
  a.caption, a.taken_at, a.latitude, a.longitude, a.created_at, a.created_by, a.deleted_at, t.media_type AS thumb_type, t.data AS thumb
  FROM attachments a LEFT JOIN attachment_thumbnails t ON t.id = a.id`;
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
  return db.all<AttachmentRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`, params);
}

export async function attachmentRow(db: Queryable, id: string): Promise<AttachmentRow> {
  const row = await db.get<AttachmentRow>(`${SELECT} WHERE a.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', 'This photo does not exist (it may not have arrived on this laptop yet).');
  return row;
}

export function toAttachment(row: AttachmentRow, local: { originalHere: boolean; upload: UploadState | null }): Attachment {
  return {
    id: row.id,
    jobId: row.job_id,
    ownerType: row.owner_type as AttachmentOwnerType,
    ownerId: row.owner_id,
    kind: row.kind as AttachmentKind,
    sha256: row.sha256,
    mediaType: row.media_type,
    byteSize: Number(row.byte_size),
    width: Number(row.width),
    height: Number(row.height),
    caption: row.caption,
    takenAt: row.taken_at,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    createdAt: row.created_at,
    createdBy: row.created_by,
    deletedAt: row.deleted_at,
    thumbnail: row.thumb && row.thumb_type ? `data:${row.thumb_type};base64,${Buffer.from(row.thumb).toString('base64')}` : null,
    ...local,
  };
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
    await ownerJobId(db, row.owner_type as AttachmentOwnerType, row.owner_id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const job = await db.get<{ deleted_at: string | null }>('SELECT deleted_at FROM jobs WHERE id = ?', [row.job_id]);
    const what = !job || job.deleted_at ? 'its job was deleted: restore the job first (under Deleted)' : 'what it was attached to was deleted';
    throw new AppError('CONFLICT', `This photo cannot be restored: ${what}.`);
  }
}

export interface NewAttachment {
  jobId: string;
  ownerType: AttachmentOwnerType;
  ownerId: string;
  kind: AttachmentKind;
  sha256: string;
  mediaType: string;
  byteSize: number;
  width: number;
  height: number;
  caption: string;
  takenAt: string | null;
  /** Only when the worker kept the location. */
  latitude?: number | null;
  longitude?: number | null;
  thumbnail: { mediaType: string; width: number; height: number; data: Uint8Array };
}

/** One record through the change log and its thumbnail, in the caller's transaction. */
export async function insertAttachment(tx: Queryable, edits: EditContext, a: NewAttachment): Promise<string> {
  const id = uuidv7(edits.now().getTime());
  await recordEdit(tx, edits, attachmentEntity, {
    entityId: id,
    kind: 'create',
    values: {
      jobId: a.jobId,
      ownerType: a.ownerType,
      ownerId: a.ownerId,
      kind: a.kind,
      sha256: a.sha256,
      mediaType: a.mediaType,
      byteSize: a.byteSize,
      width: a.width,
      height: a.height,
      caption: a.caption,
      takenAt: a.takenAt,
      latitude: a.latitude ?? null,
      longitude: a.longitude ?? null,
    },
  });
  await tx.run('INSERT INTO attachment_thumbnails (id, media_type, width, height, data) VALUES (?, ?, ?, ?, ?)', [
    id,
    a.thumbnail.mediaType,
    a.thumbnail.width,
    a.thumbnail.height,
    a.thumbnail.data,
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
