/**
 * What the change log holds about one job: its own edits and those of its
 * timeline entries, checklists and checklist items, read once (optionally only
 * the edits made before a moment) so a state is a projection in memory.
 */
import type { ArchivedRows } from '../../changes/archived-rows.js';
import { FOLD_COLUMNS, type FoldRow } from '../../changes/folds.js';
import type { ProjectedChange } from '../../changes/projection.js';
import type { Queryable } from '../../db/database.js';
import { NO_BOUND } from './edit-time.js';
import { foldedBefore } from './folded-moment.js';

/** A change as the as-of views read it: what the winner rule needs, and its record. */
export type TreeChange = ProjectedChange & { entity_id: string };

export interface JobTree {
  jobId: string;
  job: TreeChange[];
  /** Per record id, its changes. */
  notes: Map<string, TreeChange[]>;
  inspections: Map<string, TreeChange[]>;
  items: Map<string, TreeChange[]>;
}

/** The tree, with what the as-of view says about the edits it did not read. */
export interface JobTreeAt {
  tree: JobTree;
  /** Stamp of the job's first edit (its creation); null when it never existed here. */
  firstStamp: string | null;
  /** Edits of the tree stamped at or above the bound (made after the moment). */
  editsAfter: number;
}

type Part = 'job' | 'notes' | 'inspections' | 'items';
const PARTS: readonly Part[] = ['job', 'notes', 'inspections', 'items'];

/**
 * The tree's records are found through their rows' parent columns, deleted
 * ones included: a timeline entry's job and an item's checklist are set once
 * at creation and never edited, so the rows name every child the job ever had.
 * ?2 is the job, ?3 the bound; each is `FROM … WHERE <the job> AND <the stamp test>`.
 * CROSS JOIN fixes the join order (parents first, then the log by its record
 * index): left to choose, the engine started the items' three-table join from
 * `changes` by the stamp index, a range over nearly the whole log (every edit
 * below the bound), and `change_folds` by a full scan.
 */
const TREE: Record<Part, (stamp: string) => string> = {
  job: (stamp) => `FROM changes c WHERE c.entity_id = ?2 AND c.entity = 'job' AND ${stamp}`,
  notes: (stamp) => `FROM job_notes n CROSS JOIN changes c ON c.entity_id = n.id WHERE n.job_id = ?2 AND c.entity = 'note' AND ${stamp}`,
  inspections: (stamp) => `FROM inspections i CROSS JOIN changes c ON c.entity_id = i.id WHERE i.job_id = ?2 AND c.entity = 'inspection' AND ${stamp}`,
  items: (stamp) => `FROM inspections i CROSS JOIN inspection_items t ON t.inspection_id = i.id CROSS JOIN changes c ON c.entity_id = t.id
          WHERE i.job_id = ?2 AND c.entity = 'inspection_item' AND ${stamp}`,
};

/**
 * One statement for the whole view: each statement is an IPC round trip to the
 * engine's process. Each part's rows come packed, one `group_concat` per
 * column joined by ?1 (a control character JSON text never holds raw): handing
 * rows to JS one by one, or building one text per row in SQL (`||`,
 * `json_array`), cost several times more in the engine (README, Point in time).
 * Rows of a UNION ALL come in no set order, so each names its part.
 */
// created_at and actor: a change's updatedAt and updatedBy when its fields leave them out (projection.ts parseFields).
const COLUMNS = ['id', 'entity_id', 'kind', 'hlc', 'fields', 'created_at', 'actor'] as const;
/** The tree's folds (compaction's summaries of old edits), found the same way; `job` is the job's placeholder. */
const foldTree = (job: string): Record<Part, string> => ({
  job: `FROM change_folds c WHERE c.entity_id = ${job} AND c.entity = 'job'`,
  notes: `FROM job_notes n CROSS JOIN change_folds c ON c.entity_id = n.id WHERE n.job_id = ${job} AND c.entity = 'note'`,
  inspections: `FROM inspections i CROSS JOIN change_folds c ON c.entity_id = i.id WHERE i.job_id = ${job} AND c.entity = 'inspection'`,
  items: `FROM inspections i CROSS JOIN inspection_items t ON t.inspection_id = i.id CROSS JOIN change_folds c ON c.entity_id = t.id
          WHERE i.job_id = ${job} AND c.entity = 'inspection_item'`,
});
const packed = (part: Part) => `SELECT '${part}' AS part, count(*) AS n, ${COLUMNS.map((c) => `group_concat(c.${c}, ?1) AS ${c}`).join(', ')} ${TREE[part]('c.hlc < ?3')}`;
const nothing = COLUMNS.map((c) => `NULL AS ${c}`).join(', ');
const TREE_SQL = [
  ...PARTS.map(packed),
  `SELECT 'after' AS part, ${PARTS.map((p) => `(SELECT count(*) ${TREE[p]('c.hlc >= ?3')})`).join(' + ')} AS n, ${nothing}`,
  `SELECT 'first' AS part, 0 AS n, NULL AS id, NULL AS entity_id, NULL AS kind, (SELECT min(hlc) FROM changes WHERE entity_id = ?2 AND entity = 'job') AS hlc, NULL AS fields, NULL AS created_at, NULL AS actor`,
  `SELECT 'folded' AS part, ${PARTS.map((p) => `(SELECT count(*) ${foldTree('?2')[p]})`).join(' + ')} AS n, ${nothing}`,
].join('\nUNION ALL ');

const SEPARATOR = '\u001e';

type PackedRow = { part: string; n: number } & Record<(typeof COLUMNS)[number], string | null>;

/** The part's changes, or null when a column does not split into `n` values (a damaged entry holding the separator). */
function unpack(row: PackedRow): TreeChange[] | null {
  const n = Number(row.n);
  if (n === 0) return [];
  const [ids, entityIds, kinds, hlcs, fields, createdAts, actors] = COLUMNS.map((c) => (row[c] ?? '').split(SEPARATOR));
  if (![ids, entityIds, kinds, hlcs, fields, createdAts, actors].every((values) => values!.length === n)) return null;
  return ids!.map((id, i) => ({
    id,
    entity_id: entityIds![i]!,
    kind: kinds![i]! as TreeChange['kind'],
    hlc: hlcs![i]!,
    fields: fields![i]!,
    created_at: createdAts![i]!,
    actor: actors![i]!,
  }));
}

/** The slow, sure way for a part that did not unpack: its rows one by one. */
function rowsOf(db: Queryable, part: Part, jobId: string, bound: string): Promise<TreeChange[]> {
  return db.all<TreeChange>(`SELECT c.id, c.entity_id, c.kind, c.hlc, c.fields, c.created_at, c.actor ${TREE[part]('c.hlc < ?3')} ORDER BY c.hlc, c.id`, [SEPARATOR, jobId, bound]);
}

function byRecord(changes: readonly TreeChange[]): Map<string, TreeChange[]> {
  const map = new Map<string, TreeChange[]>();
  for (const change of changes) {
    const list = map.get(change.entity_id) ?? [];
    list.push(change);
    map.set(change.entity_id, list);
  }
  return map;
}

const FOLD_SQL = PARTS.map((p) => `SELECT '${p}' AS part, ${FOLD_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')} ${foldTree('?1')[p]}`).join('\nUNION ALL ');

/** The two statements, for the test that checks the engine's plans for them. */
export const JOB_TREE_STATEMENTS = { tree: TREE_SQL, folds: FOLD_SQL } as const;

/** The tree's folds by part; read only when the packed statement counted some. */
async function foldsOf(db: Queryable, jobId: string): Promise<Map<Part, FoldRow[]>> {
  const byPart = new Map<Part, FoldRow[]>();
  for (const { part, ...fold } of await db.all<FoldRow & { part: Part }>(FOLD_SQL, [jobId])) {
    byPart.set(part, [...(byPart.get(part) ?? []), fold]);
  }
  return byPart;
}

/**
 * The job's tree with only the edits stamped below `bound` (all of them by default), in one round trip when
 * nothing is folded. A moment inside a fold reads the fold's archived rows when `archived` can (folded-moment.ts).
 */
export async function loadJobTreeAt(db: Queryable, jobId: string, bound: string = NO_BOUND, archived?: ArchivedRows): Promise<JobTreeAt> {
  const rows = await db.all<PackedRow>(TREE_SQL, [SEPARATOR, jobId, bound]);
  const row = (part: string) => rows.find((r) => r.part === part);
  const folds = Number(row('folded')?.n ?? 0) > 0 ? await foldsOf(db, jobId) : new Map<Part, FoldRow[]>();
  let foldedAfter = 0;
  const changes = async (part: Part) => {
    const found = row(part);
    const own = (found && unpack(found)) ?? (await rowsOf(db, part, jobId, bound));
    const folded = folds.get(part) ?? [];
    if (folded.length === 0) return own;
    const before = await foldedBefore(folded, bound, 'this job', archived);
    foldedAfter += before.after;
    return [...own, ...before.rows];
  };
  const tree: JobTree = {
    jobId,
    job: await changes('job'),
    notes: byRecord(await changes('notes')),
    inspections: byRecord(await changes('inspections')),
    items: byRecord(await changes('items')),
  };
  // The creation may be folded: the job's first stamp is the least of its rows' and its folds'.
  const stamps = [row('first')?.hlc ?? null, ...(folds.get('job') ?? []).map((f) => f.first_hlc)].filter((h): h is string => typeof h === 'string');
  return { tree, firstStamp: stamps.length === 0 ? null : stamps.reduce((a, b) => (b < a ? b : a)), editsAfter: Number(row('after')?.n ?? 0) + foldedAfter };
}

export async function loadJobTree(db: Queryable, jobId: string, bound: string = NO_BOUND): Promise<JobTree> {
  return (await loadJobTreeAt(db, jobId, bound)).tree;
}
