/**
 * What each feed entry is about, in words: the job (title) a note or checklist
 * belongs to, the site's name, a checklist item's label. Looked up per page,
 * one query per kind, deleted rows included (the feed is about the past).
 */
import type { ActivityEntry } from '../../../../shared/domain/activity.js';
import type { Queryable } from '../../db/database.js';

const CHUNK = 200;

async function lookup<R extends { id: string }>(db: Queryable, sql: (marks: string) => string, ids: readonly string[]): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    for (const row of await db.all<R>(sql(chunk.map(() => '?').join(', ')), chunk)) found.set(row.id, row);
  }
  return found;
}

const idsOf = (entries: readonly ActivityEntry[], entity: string) => entries.filter((e) => e.entity === entity).map((e) => e.entityId);

export async function nameSubjects(db: Queryable, entries: ActivityEntry[]): Promise<void> {
  const notes = await lookup<{ id: string; job_id: string }>(db, (m) => `SELECT id, job_id FROM job_notes WHERE id IN (${m})`, idsOf(entries, 'note'));
  const inspections = await lookup<{ id: string; job_id: string; template_name: string }>(
    db,
    (m) => `SELECT id, job_id, template_name FROM inspections WHERE id IN (${m})`,
    idsOf(entries, 'inspection'),
  );
  const items = await lookup<{ id: string; label: string; job_id: string | null }>(
    db,
    (m) => `SELECT i.id, i.label, n.job_id FROM inspection_items i LEFT JOIN inspections n ON n.id = i.inspection_id WHERE i.id IN (${m})`,
    idsOf(entries, 'inspection_item'),
  );
  const sites = await lookup<{ id: string; name: string }>(db, (m) => `SELECT id, name FROM sites WHERE id IN (${m})`, idsOf(entries, 'site'));
  const templates = await lookup<{ id: string; name: string }>(
    db,
    (m) => `SELECT id, name FROM checklist_templates WHERE id IN (${m})`,
    idsOf(entries, 'template'),
  );
  for (const entry of entries) {
    if (entry.entity === 'job') entry.jobId = entry.entityId;
    else if (entry.entity === 'note') entry.jobId = notes.get(entry.entityId)?.job_id ?? null;
    else if (entry.entity === 'inspection') {
      const row = inspections.get(entry.entityId);
      entry.jobId = row?.job_id ?? null;
      entry.label = row?.template_name ?? null;
    } else if (entry.entity === 'inspection_item') {
      const row = items.get(entry.entityId);
      entry.jobId = row?.job_id ?? null;
      entry.label = row?.label ?? null;
    } else if (entry.entity === 'site') entry.siteName = sites.get(entry.entityId)?.name ?? null;
    else if (entry.entity === 'template') entry.label = templates.get(entry.entityId)?.name ?? null;
  }
  const jobs = await lookup<{ id: string; title: string }>(
    db,
    (m) => `SELECT id, title FROM jobs WHERE id IN (${m})`,
    entries.flatMap((e) => (e.jobId ? [e.jobId] : [])),
  );
  for (const entry of entries) entry.jobTitle = entry.jobId ? (jobs.get(entry.jobId)?.title ?? null) : null;
}
