/**
 * The people jobs can be assigned to, derived from what the workspace already
 * holds: every device in the change log is a worker (named by its latest
 * signature, so a rename shows the new name), plus names typed as assignees.
 * Compacted edits count too: compaction keeps each device's latest folded
 * signature (changes/fold-workers.ts), and older folds carry their own.
 */
import type { Person } from '../../../../shared/domain/people.js';
import { WORKERS_KEY } from '../../changes/folds.js';
import type { Queryable } from '../../db/database.js';
import { matchesWords, searchHaystack, searchWords } from '../search-text.js';

/** Signed by an edit made before the worker gave a name (change-log.ts). */
const NO_NAME = 'Unknown worker';
/** Typed assignee names read; a workspace has far fewer people than this. */
const MAX_ASSIGNEE_ROWS = 5_000;

export interface Worker {
  id: string;
  name: string;
}

/**
 * The signers of compacted edits, one row per (device, name) pair: `fold_workers` (migration 9), a fold's
 * `@workers` (folds written before it), and for a fold written before that existed too, the signers of its
 * winning createdBy and updatedBy (a stamp ends with its device id, after 13 + 1 + 5 + 1 characters: shared/hlc.ts).
 */
const FOLDED_WORKERS_SQL = `
SELECT device_id, actor, max(hlc) AS hlc FROM fold_workers GROUP BY 1, 2
UNION ALL
SELECT w.key AS device_id, json_extract(w.value, '$[0]') AS actor, max(json_extract(w.value, '$[1]')) AS hlc
  FROM change_folds f, json_each(f.fields, '$."${WORKERS_KEY}"') AS w GROUP BY 1, 2
${['createdBy', 'updatedBy']
  .map(
    (field) => `UNION ALL
SELECT substr(json_extract(fields, '$.${field}[1]'), 21) AS device_id, json_extract(fields, '$.${field}[0]') AS actor,
       max(json_extract(fields, '$.${field}[1]')) AS hlc
  FROM change_folds WHERE json_type(fields, '$."${WORKERS_KEY}"') IS NULL AND json_type(fields, '$.${field}') = 'array' GROUP BY 1, 2`,
  )
  .join('\n')}`;

/** Each device's latest signature, compacted edits included. Scans the change log: callers cache it (peopleHandlers). */
export async function workersFromChangeLog(db: Queryable): Promise<Worker[]> {
  // One row per (device, name) pair; the latest stamp picks each device's current name.
  const rows = await db.all<{ device_id: string; actor: string; hlc: string }>(
    'SELECT device_id, actor, max(hlc) AS hlc FROM changes GROUP BY device_id, actor',
  );
  // Reading folds only when there are some keeps an uncompacted workspace's scan as it was.
  if (await db.get('SELECT 1 AS one FROM change_folds LIMIT 1')) rows.push(...(await db.all<{ device_id: string; actor: string; hlc: string }>(FOLDED_WORKERS_SQL)));
  const latest = new Map<string, { name: string; hlc: string }>();
  for (const row of rows) {
    if (typeof row.device_id !== 'string' || typeof row.actor !== 'string' || typeof row.hlc !== 'string') continue;
    const known = latest.get(row.device_id);
    if (!known || row.hlc > known.hlc) latest.set(row.device_id, { name: row.actor, hlc: row.hlc });
  }
  return [...latest].filter(([, w]) => w.name !== NO_NAME).map(([id, w]) => ({ id, name: w.name }));
}

export async function currentAssignees(db: Queryable): Promise<{ name: string; id: string | null }[]> {
  const rows = await db.all<{ assignee: string; assignee_id: string | null }>(
    'SELECT DISTINCT assignee, assignee_id FROM jobs WHERE assignee IS NOT NULL AND deleted_at IS NULL LIMIT ?',
    [MAX_ASSIGNEE_ROWS],
  );
  return rows.map((r) => ({ name: r.assignee, id: r.assignee_id }));
}

/**
 * Merges workers, typed assignees and this worker into one list: one entry per
 * person id (the worker's latest name wins over names stored on jobs), typed
 * names only when no person carries that name; this worker first, then by name.
 */
export function mergePeople(
  workers: readonly Worker[],
  assignees: readonly { name: string; id: string | null }[],
  me: Worker | null,
): Person[] {
  const byId = new Map<string, Person>();
  for (const w of workers) byId.set(w.id, { id: w.id, name: w.name, me: false });
  for (const a of assignees) if (a.id !== null && !byId.has(a.id)) byId.set(a.id, { id: a.id, name: a.name, me: false });
  if (me) byId.set(me.id, { id: me.id, name: me.name, me: true });
  const people = [...byId.values()];
  const names = new Set(people.map((p) => p.name));
  for (const a of assignees) {
    if (a.id === null && !names.has(a.name)) {
      names.add(a.name);
      people.push({ id: null, name: a.name, me: false });
    }
  }
  return people.sort((a, b) => (a.me !== b.me ? (a.me ? -1 : 1) : a.name.localeCompare(b.name)));
}

export function filterPeople(people: readonly Person[], search: string | undefined, limit: number): Person[] {
  // The job search's rules (search-text.ts): every word, Unicode case folded.
  const words = searchWords(search ?? '');
  const matching = words.length > 0 ? people.filter((p) => matchesWords(searchHaystack([p.name]), words)) : people;
  return matching.slice(0, limit);
}
