/** A job's timeline: worker notes and automatic entries, append-only. */
import type { Note, NoteKind } from '../../../../shared/domain/notes.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Queryable } from '../../db/database.js';
import { noteEntity } from './note-entity.js';

interface NoteRow {
  id: string;
  job_id: string;
  kind: string;
  body: string;
  created_at: string;
  created_by: string;
}

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  jobId: row.job_id,
  kind: row.kind as NoteKind,
  body: row.body,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export async function listNotes(db: Queryable, jobId: string): Promise<Note[]> {
  const rows = await db.all<NoteRow>(
    // The creating edit's clock stamp orders entries written in the same millisecond.
    `SELECT n.id, n.job_id, n.kind, n.body, n.created_at, n.created_by FROM job_notes n
     WHERE n.job_id = ? AND n.deleted_at IS NULL
     ORDER BY n.created_at, (SELECT min(c.hlc) FROM changes c WHERE c.entity_id = n.id), n.id`,
    [jobId],
  );
  return rows.map(toNote);
}

export async function getNote(db: Queryable, id: string): Promise<Note> {
  const row = await db.get<NoteRow>('SELECT id, job_id, kind, body, created_at, created_by FROM job_notes WHERE id = ?', [id]);
  if (!row) throw new Error(`note ${id} vanished inside its own transaction`);
  return toNote(row);
}

/** Appends one entry in the caller's transaction; returns its id. */
export async function appendNote(tx: Queryable, edits: EditContext, jobId: string, kind: NoteKind, body: string): Promise<string> {
  const id = uuidv7(edits.now().getTime());
  await recordEdit(tx, edits, noteEntity, { entityId: id, kind: 'create', values: { jobId, kind, body } });
  return id;
}
