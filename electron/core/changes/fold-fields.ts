/**
 * How a fold's winners are stored in `change_folds.fields`. Every laptop
 * downloads every fold, so the encoding is sized for the wire:
 *
 * - written (since migration 8): `{"@won": [[hlc, changeId, {field: value, …}], …]}`,
 *   one entry per winning change with the fields it still wins. A job's fold
 *   holds ~12 fields won by ~7 changes (the create and the latest edit of
 *   each field), so each stamp and id is written once instead of per field;
 * - read as well (folds written before): `{field: [value, hlc, changeId]}`.
 *
 * Change ids stay JSON strings (`"<id>"`), which the History panel looks up
 * with `instr`. Other top-level keys starting with `@` are left to their
 * readers; a key that is neither is read as a field in the older form.
 */
import type { SqlValue } from '../db/database.js';

/** One folded field: the winning value, its stamp and the id of the change that set it. */
export type FoldedField = [value: SqlValue, hlc: string, changeId: string];

export const WON_KEY = '@won';

type WonEntry = [hlc: string, changeId: string, fields: Record<string, SqlValue>];

/**
 * The `fields` column for these winners, grouped by winning change in (stamp, id) order; `extra` adds other
 * `@` keys (folds.ts adds who made the folded edits).
 */
export function encodeFoldFields(fields: Readonly<Record<string, FoldedField>>, extra: Readonly<Record<`@${string}`, unknown>> = {}): string {
  const byChange = new Map<string, WonEntry>();
  for (const [field, [value, hlc, changeId]] of Object.entries(fields)) {
    // A change has one stamp; keyed by both so a damaged input never merges two stamps into one entry.
    const key = `${hlc}\u0000${changeId}`;
    const entry = byChange.get(key) ?? [hlc, changeId, {}];
    entry[2][field] = value ?? null;
    byChange.set(key, entry);
  }
  const won = [...byChange.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return JSON.stringify({ [WON_KEY]: won, ...extra });
}

/** Keeps, per field, the greater (stamp, change id), the projection's order: a field named twice reads as its winner. */
function offer(out: Record<string, FoldedField>, field: string, value: unknown, hlc: unknown, changeId: unknown): void {
  if (typeof hlc !== 'string' || typeof changeId !== 'string') return;
  const known = out[field];
  if (!known || hlc > known[1] || (hlc === known[1] && changeId > known[2])) out[field] = [(value ?? null) as SqlValue, hlc, changeId];
}

/** The winners in a `fields` column of either form; a damaged column or entry contributes nothing rather than a wrong value. */
export function decodeFoldFields(text: string): Record<string, FoldedField> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return {};
  }
  const out: Record<string, FoldedField> = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === WON_KEY) {
      if (!Array.isArray(entry)) continue;
      for (const won of entry as unknown[]) {
        if (!Array.isArray(won) || won.length !== 3) continue;
        const [hlc, changeId, values] = won as unknown[];
        if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
        for (const [field, value] of Object.entries(values as Record<string, unknown>)) offer(out, field, value, hlc, changeId);
      }
    } else if (!key.startsWith('@') && Array.isArray(entry) && entry.length === 3) {
      offer(out, key, entry[0], entry[1], entry[2]);
    }
  }
  return out;
}
