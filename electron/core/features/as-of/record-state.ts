/**
 * One record's state at a moment: the projection (changes/projection.ts, the
 * same per-field winner rule sync uses) of its changes stamped below a bound.
 */
import type { EntitySpec } from '../../changes/entity.js';
import { project, sameValue, type ProjectedChange } from '../../changes/projection.js';
import type { SqlValue } from '../../db/database.js';

export interface RecordState {
  id: string;
  values: Readonly<Record<string, SqlValue>>;
  /** Stamp of the record's first edit. */
  firstHlc: string;
}

/** Null when the record had not been created below the bound. */
export function recordAt(spec: EntitySpec, id: string, changes: readonly ProjectedChange[], bound: string): RecordState | null {
  const before = changes.filter((c) => c.hlc < bound);
  const projection = project(spec, before);
  if (!projection.hasCreate) return null;
  const values: Record<string, SqlValue> = {};
  for (const [field, winner] of projection.fields) values[field] = winner.value;
  let firstHlc = before[0]!.hlc;
  for (const change of before) if (change.hlc < firstHlc) firstHlc = change.hlc;
  return { id, values, firstHlc };
}

export const isLive = (state: RecordState | null): state is RecordState => state !== null && (state.values.deletedAt ?? null) === null;

/** Bookkeeping stamps are written by every edit; a restore never sets them itself. */
const STAMPS = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);

export interface RecordDiff {
  /** Fields to set back, with their value then. */
  values: Record<string, SqlValue>;
  /** Deleted now but not then (restore), live now but deleted or not yet created then (delete). */
  lifecycle: 'delete' | 'restore' | null;
}

/** What sets `now` back to `then`; null when nothing differs. */
export function diffRecord(spec: EntitySpec, then: RecordState | null, now: RecordState | null): RecordDiff | null {
  if (now === null) return null; // nothing to set back: it was never created here
  if (then === null) return isLive(now) ? { values: {}, lifecycle: 'delete' } : null;
  const values: Record<string, SqlValue> = {};
  for (const field of Object.keys(spec.columns)) {
    if (STAMPS.has(field) || !Object.prototype.hasOwnProperty.call(then.values, field)) continue;
    const value = then.values[field] ?? null;
    if (!sameValue(value, now.values[field] ?? null)) values[field] = value;
  }
  const lifecycle = isLive(then) === isLive(now) ? null : isLive(then) ? 'restore' : 'delete';
  return Object.keys(values).length > 0 || lifecycle !== null ? { values, lifecycle } : null;
}
