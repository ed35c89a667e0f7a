/**
 * The test's own replay of the change log, written apart from the app's code:
 * take every `changes` row whose stamp's wall time is at or before T, sort by
 * stamp, let each later value overwrite the earlier one, field by field, and
 * assemble the job (with its site's name then), its checklist and timeline.
 * A row whose `fields` leave out `updatedAt`/`updatedBy` (written since
 * migration 10) set them to its `created_at` and `actor`.
 */
import type { Queryable } from '../../../../../electron/core/db/database.js';

interface Row {
  id: string;
  entity: string;
  entity_id: string;
  kind: string;
  hlc: string;
  fields: string;
  created_at: string;
  actor: string;
}

type Values = Record<string, unknown>;

export interface Replayed {
  existed: boolean;
  job: Values | null;
  siteName: string | null;
  inspection: { id: string; values: Values; items: { id: string; values: Values }[] } | null;
  notes: { id: string; values: Values }[];
}

export async function readLog(db: Queryable): Promise<Row[]> {
  return db.all<Row>('SELECT id, entity, entity_id, kind, hlc, fields, created_at, actor FROM changes');
}

const wallOf = (hlc: string): number => Number(hlc.slice(0, 13));

/** Every record's values at T, keyed "entity:id", with whether it was created by then. */
export function replay(log: readonly Row[], atMs: number): Map<string, { values: Values; created: boolean; firstHlc: string }> {
  const upTo = log.filter((r) => wallOf(r.hlc) <= atMs).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  const records = new Map<string, { values: Values; created: boolean; firstHlc: string }>();
  for (const row of upTo) {
    const key = `${row.entity}:${row.entity_id}`;
    const record = records.get(key) ?? { values: {}, created: false, firstHlc: row.hlc };
    if (row.kind === 'create') record.created = true;
    Object.assign(record.values, { updatedAt: row.created_at, updatedBy: row.actor, ...(JSON.parse(row.fields) as Values) });
    records.set(key, record);
  }
  return records;
}

const live = (r: { values: Values; created: boolean }) => r.created && (r.values.deletedAt ?? null) === null;

export function replayJob(log: readonly Row[], jobId: string, atMs: number): Replayed {
  const records = replay(log, atMs);
  const job = records.get(`job:${jobId}`);
  if (!job?.created) return { existed: false, job: null, siteName: null, inspection: null, notes: [] };
  const of = (entity: string) =>
    [...records.entries()].filter(([key, r]) => key.startsWith(`${entity}:`) && live(r)).map(([key, r]) => ({ id: key.slice(entity.length + 1), ...r }));
  const byText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  const inspection = of('inspection')
    .filter((r) => r.values.jobId === jobId)
    .sort((a, b) => byText(a.values.createdAt, b.values.createdAt) || byText(a.id, b.id))[0];
  const items = inspection
    ? of('inspection_item')
        .filter((r) => r.values.inspectionId === inspection.id)
        .sort((a, b) => Number(a.values.position) - Number(b.values.position) || byText(a.id, b.id))
        .map((r) => ({ id: r.id, values: r.values }))
    : [];
  const notes = of('note')
    .filter((r) => r.values.jobId === jobId)
    .sort((a, b) => byText(a.values.createdAt, b.values.createdAt) || byText(a.firstHlc, b.firstHlc) || byText(a.id, b.id))
    .map((r) => ({ id: r.id, values: r.values }));
  const siteId = job.values.siteId;
  // A site whose own edits are all stamped later (a laptop's clock behind) is named as it is now.
  const site = typeof siteId === 'string' ? (records.get(`site:${siteId}`) ?? replay(log, Number.MAX_SAFE_INTEGER).get(`site:${siteId}`)) : undefined;
  return {
    existed: true,
    job: job.values,
    siteName: site ? String(site.values.name) : null,
    inspection: inspection ? { id: inspection.id, values: inspection.values, items } : null,
    notes,
  };
}
