/**
 * The folds' part of records' states before a moment. A fold whose edits all
 * came before it counts whole (its winners), one whose edits all came after
 * counts only as edits made since; for a moment inside a fold its archived
 * rows are read (on demand, checked, kept for the session: ArchivedRows) so
 * the state equals the replay of the uncompacted log. When the archive cannot
 * be read the moment is refused in plain words (folds.ts foldsBefore).
 */
import type { ArchivedRows } from '../../changes/archived-rows.js';
import { foldAsChanges, foldFields, foldsBefore, type FoldRow } from '../../changes/folds.js';
import type { TreeChange } from './job-tree.js';

export interface FoldedBefore {
  /** What the projection reads for the moment: folds' winners and archived rows stamped below the bound. */
  rows: TreeChange[];
  /** Folded edits stamped at or above the bound (made after the moment). */
  after: number;
}

/** Whether the archived rows hold every winner the fold keeps (a fold written without an archive does not). */
function reproduces(fold: FoldRow, rows: readonly TreeChange[]): boolean {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const winnersThere = Object.values(foldFields(fold)).every(([, hlc, changeId]) => byId.get(changeId)?.hlc === hlc);
  return winnersThere && (fold.has_create !== 1 || rows.some((row) => row.kind === 'create'));
}

export async function foldedBefore(folds: readonly FoldRow[], bound: string, what: string, archived?: ArchivedRows): Promise<FoldedBefore> {
  const out: FoldedBefore = { rows: [], after: 0 };
  const byRecord = new Map<string, FoldRow[]>();
  for (const fold of folds) {
    const key = `${fold.entity}\u0000${fold.entity_id}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), fold]);
  }
  for (const group of byRecord.values()) {
    const inside = group.filter((f) => f.first_hlc < bound && f.last_hlc >= bound);
    for (const fold of group) {
      if (fold.last_hlc < bound) out.rows.push(...foldAsChanges(fold));
      else if (fold.first_hlc >= bound && inside.length === 0) out.after += Number(fold.weight);
    }
    if (inside.length === 0) continue;
    // Every fold of the record that is not wholly before the moment: their archived rows, each once.
    const open = group.filter((f) => f.last_hlc >= bound);
    const rows: TreeChange[] | null = archived?.available() ? await archived.ofFolds(open).catch(() => null) : null;
    if (!rows || !inside.every((fold) => reproduces(fold, rows))) {
      foldsBefore(inside, bound, what); // throws the plain-words refusal
      continue;
    }
    for (const row of rows) {
      if (row.hlc < bound) out.rows.push({ id: row.id, entity_id: row.entity_id, kind: row.kind, hlc: row.hlc, fields: row.fields, created_at: row.created_at, actor: row.actor });
      else out.after += 1;
    }
  }
  return out;
}
