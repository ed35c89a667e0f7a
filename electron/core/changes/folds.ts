/**
 * A fold stands for some of one record's change rows (and older folds) that
 * compaction removed from `changes`: per field, the winner among them. Max by
 * stamp per field is commutative, associative and idempotent, so a record's
 * projection is the same whether its edits are rows, folds, or both, however
 * many laptops folded overlapping sets of them (see compaction.ts).
 */
import { decodeHlc } from '../../../shared/hlc.js';
import { AppError } from '../../../shared/errors.js';
import type { Queryable, SqlValue } from '../db/database.js';
import { decodeFoldFields, encodeFoldFields, type FoldedField } from './fold-fields.js';
import type { ChangeRow, ProjectedChange } from './projection.js';

export type { FoldedField } from './fold-fields.js';

export interface FoldRow {
  id: string;
  entity: string;
  entity_id: string;
  /** Who folded: since migration 10 its signer (fold-signer.ts), before its device id; reconcile-folds.ts skips a laptop's own. */
  device_id: string;
  /**
   * The winners (see fold-fields.ts for both forms). Folds written before migration 9 may also hold
   * `"@workers": {deviceId: [actor, hlc]}`, each device's latest signature among their edits; since then
   * that is kept once per device in `fold_workers` (fold-workers.ts). Readers skip `@` keys they do not know.
   */
  fields: string;
  has_create: number;
  first_hlc: string;
  last_hlc: string;
  /** How many change rows this fold stands for (its inputs' weights summed; a change weighs 1). */
  weight: number;
  /** JSON array of archive object keys holding the folded change rows; empty when nothing archived them. */
  archive: string;
  /** When it was folded; '' since migration 10 (its id's UUIDv7 time says it), nothing reads it. */
  created_at: string;
}

/** The key of `fields` naming who made the folded edits, in folds written before migration 9 (see FoldRow.fields). */
export const WORKERS_KEY = '@workers';

/** Per device, its latest signature among a fold's edits: [actor, hlc]. */
export type FoldWorkers = Record<string, [actor: string, hlc: string]>;

export const FOLD_COLUMNS = 'id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at';

export function foldFields(fold: Pick<FoldRow, 'fields'>): Record<string, FoldedField> {
  return decodeFoldFields(fold.fields);
}

const deviceOf = (hlc: string): string | null => {
  try {
    return decodeHlc(hlc).deviceId;
  } catch {
    return null;
  }
};

/**
 * Who made a fold's edits. A fold written before `@workers` existed still names the signers of its
 * winning `createdBy` and `updatedBy` (the value is the signature, the stamp names the device).
 */
export function foldWorkers(fold: Pick<FoldRow, 'fields'>): FoldWorkers {
  const out: FoldWorkers = {};
  const offer = (deviceId: string | null, actor: unknown, hlc: string) => {
    if (deviceId === null || typeof actor !== 'string') return;
    const known = out[deviceId];
    if (!known || hlc > known[1]) out[deviceId] = [actor, hlc];
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fold.fields) as unknown;
  } catch {
    return out;
  }
  const workers = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[WORKERS_KEY] : undefined;
  if (workers && typeof workers === 'object' && !Array.isArray(workers)) {
    for (const [deviceId, entry] of Object.entries(workers as Record<string, unknown>)) {
      if (Array.isArray(entry) && typeof entry[1] === 'string') offer(deviceId, entry[0], entry[1]);
    }
  }
  for (const field of ['createdBy', 'updatedBy']) {
    const winner = foldFields(fold)[field];
    if (winner) offer(deviceOf(winner[1]), winner[0], winner[1]);
  }
  return out;
}

/** The fold's `fields` column: the winners (who made the folded edits goes to `fold_workers`, fold-workers.ts). */
export function foldFieldsJson(content: Pick<FoldContent, 'fields'>): string {
  return encodeFoldFields(content.fields);
}

export function foldArchive(fold: Pick<FoldRow, 'archive'>): string[] {
  try {
    const parsed = JSON.parse(fold.archive) as unknown;
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The fold as the change rows the projection reads: one per winning change
 * (its own id and stamp, so ties break exactly as before the fold), plus an
 * empty create marker when a create was folded.
 */
export function foldAsChanges(fold: FoldRow): (ProjectedChange & { entity_id: string })[] {
  const byChange = new Map<string, { hlc: string; fields: Record<string, SqlValue> }>();
  for (const [field, [value, hlc, changeId]] of Object.entries(foldFields(fold))) {
    const entry = byChange.get(changeId) ?? { hlc, fields: {} };
    entry.fields[field] = value;
    byChange.set(changeId, entry);
  }
  const rows: (ProjectedChange & { entity_id: string })[] = [...byChange].map(([id, { hlc, fields }]) => ({
    id,
    kind: 'update',
    hlc,
    fields: JSON.stringify(fields),
    // A fold keeps the winning updatedAt and updatedBy among its fields: nothing to read from columns.
    created_at: '',
    actor: '',
    entity_id: fold.entity_id,
  }));
  if (fold.has_create) rows.push({ id: fold.id, kind: 'create', hlc: fold.first_hlc, fields: '{}', created_at: '', actor: '', entity_id: fold.entity_id });
  return rows;
}

export async function loadFolds(db: Queryable, entity: string, entityIds: readonly string[]): Promise<FoldRow[]> {
  if (entityIds.length === 0) return [];
  return db.all<FoldRow>(
    `SELECT ${FOLD_COLUMNS} FROM change_folds WHERE entity = ? AND entity_id IN (${entityIds.map(() => '?').join(', ')}) ORDER BY entity_id, id`,
    [entity, ...entityIds],
  );
}

/** What a new fold of some changes and folds of one record holds (everything but its id and bookkeeping). */
export interface FoldContent {
  fields: Record<string, FoldedField>;
  /** Each device's latest signature among the folded edits. */
  workers: FoldWorkers;
  hasCreate: boolean;
  firstHlc: string;
  lastHlc: string;
  weight: number;
  archive: string[];
}

/** Merge changes and folds of one record by the projection's rule: per field, the greatest (stamp, change id). */
export function mergeIntoFold(changes: readonly ChangeRow[], folds: readonly FoldRow[], parse: (c: ChangeRow) => Record<string, SqlValue>): FoldContent {
  const fields: Record<string, FoldedField> = {};
  const offer = (field: string, value: SqlValue, hlc: string, changeId: string) => {
    const known = fields[field];
    // The projection's order (projection.ts compareChanges): stamp, then change id.
    if (!known || hlc > known[1] || (hlc === known[1] && changeId > known[2])) fields[field] = [value ?? null, hlc, changeId];
  };
  let firstHlc: string | null = null;
  let lastHlc: string | null = null;
  const stamp = (low: string, high: string) => {
    if (firstHlc === null || low < firstHlc) firstHlc = low;
    if (lastHlc === null || high > lastHlc) lastHlc = high;
  };
  const workers: FoldWorkers = {};
  const signed = (deviceId: string, actor: string, hlc: string) => {
    const known = workers[deviceId];
    if (!known || hlc > known[1]) workers[deviceId] = [actor, hlc];
  };
  let hasCreate = false;
  let weight = 0;
  const archive = new Set<string>();
  for (const fold of folds) {
    for (const [field, [value, hlc, changeId]] of Object.entries(foldFields(fold))) offer(field, value, hlc, changeId);
    for (const [deviceId, [actor, hlc]] of Object.entries(foldWorkers(fold))) signed(deviceId, actor, hlc);
    stamp(fold.first_hlc, fold.last_hlc);
    hasCreate ||= fold.has_create === 1;
    weight += Number(fold.weight);
    for (const key of foldArchive(fold)) archive.add(key);
  }
  for (const change of changes) {
    for (const [field, value] of Object.entries(parse(change))) offer(field, value, change.hlc, change.id);
    signed(change.device_id, change.actor, change.hlc);
    stamp(change.hlc, change.hlc);
    hasCreate ||= change.kind === 'create';
    weight += 1;
  }
  if (firstHlc === null || lastHlc === null) throw new Error('a fold needs at least one change or fold');
  return { fields, workers, hasCreate, firstHlc, lastHlc, weight, archive: [...archive].sort() };
}

/** Plain time of a stamp, for messages. */
function stampTime(hlc: string): string {
  try {
    return new Date(decodeHlc(hlc).wallMs).toISOString().slice(0, 16).replace('T', ' ');
  } catch {
    return hlc;
  }
}

/**
 * The folds' part of a record's state as it was before `bound`: a fold whose
 * edits all came before it counts whole (its winners are the projection of
 * those edits); one whose edits all came after counts not at all; a moment in
 * between cannot be computed from the fold and is refused in plain words.
 */
export function foldsBefore(folds: readonly FoldRow[], bound: string, what: string): (ProjectedChange & { entity_id: string })[] {
  const rows: (ProjectedChange & { entity_id: string })[] = [];
  for (const fold of folds) {
    if (fold.last_hlc < bound) rows.push(...foldAsChanges(fold));
    else if (fold.first_hlc < bound) {
      throw new AppError(
        'NOT_FOUND',
        `The edits of ${what} between ${stampTime(fold.first_hlc)} and ${stampTime(fold.last_hlc)} (UTC) were compacted: ` +
          'old history is kept in the workspace archive, not on every laptop. Choose a moment after ' +
          `${stampTime(fold.last_hlc)}, or open its History while connected to read the archived edits.`,
      );
    }
  }
  return rows;
}
