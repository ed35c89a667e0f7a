/**
 * After a cycle that left nothing pending, the primary must hold at least as
 * much history as this replica: the replica holds exactly what the primary
 * had at the pull plus nothing unpushed, and the log only grows. History is
 * counted by weight (changes.ts compaction): a change row weighs 1 and a fold
 * the weights of what it folded, so compaction keeps the total, and two
 * laptops folding the same rows at once can only raise it. Less
 * means the primary lost data this laptop already sent (e.g. it was restored
 * from a backup or recreated); the engine does not notice and would report
 * "up to date" forever, so the loop checks. Runs one small query over the
 * primary's HTTP SQL endpoint.
 */
import type { Queryable } from '../db/database.js';
import type { RemoteTarget } from '../db/replica.js';
import { httpUrl } from './probe.js';

export async function primaryChangeCount(remote: RemoteTarget, fetchImpl: typeof fetch = fetch): Promise<number> {
  const response = await fetchImpl(`${httpUrl(remote.url).replace(/\/+$/, '')}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(remote.authToken ? { authorization: `Bearer ${remote.authToken}` } : {}) },
    body: JSON.stringify({
      requests: [
        { type: 'execute', stmt: { sql: 'SELECT count(*) FROM changes' } },
        { type: 'execute', stmt: { sql: 'SELECT coalesce(sum(weight), 0) FROM change_folds' } },
      ],
    }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`primary answered HTTP ${response.status}`);
  const body = (await response.json()) as {
    results?: { type: string; response?: { result?: { rows?: { value?: string }[][] } }; error?: { message?: string } }[];
  };
  const first = body.results?.[0];
  if (first?.type === 'error' && /no such table/i.test(first.error?.message ?? '')) return 0;
  const value = first?.response?.result?.rows?.[0]?.[0]?.value;
  if (value === undefined) throw new Error('primary gave no count');
  // A primary no laptop of this version has pushed to yet has no folds table: its folds weigh nothing.
  const second = body.results?.[1];
  if (second?.type === 'error' && /no such table/i.test(second.error?.message ?? '')) return Number(value);
  const folded = second?.response?.result?.rows?.[0]?.[0]?.value;
  if (folded === undefined) throw new Error('primary gave no fold weight');
  return Number(value) + Number(folded);
}

/** This replica's history weight: change rows plus what its folds stand for. */
export async function localHistoryWeight(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number; w: number }>(
    'SELECT (SELECT count(*) FROM changes) AS n, (SELECT coalesce(sum(weight), 0) FROM change_folds) AS w',
  );
  return Number(row?.n ?? 0) + Number(row?.w ?? 0);
}

/** The primary could not be asked how much history it holds (it went away, or answered with an error). */
export class PrimaryCheckError extends Error {
  constructor(cause: unknown) {
    super(`The primary did not answer the check that it holds this laptop's edits: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PrimaryCheckError';
  }
}

/**
 * What the check concluded: the primary holds all of this replica's history;
 * nothing could be concluded (an edit is pending, so the replica holds more
 * than it pushed); or the primary lost history, named in plain words.
 */
export type PrimaryVerdict = { kind: 'whole' } | { kind: 'unchecked' } | { kind: 'lost'; problem: string };

export const WHOLE: PrimaryVerdict = { kind: 'whole' };
export const UNCHECKED: PrimaryVerdict = { kind: 'unchecked' };

/** Throws PrimaryCheckError when the primary cannot be asked. */
export async function checkPrimaryHasOurChanges(
  db: Queryable,
  pendingChanges: () => Promise<number>,
  remote: RemoteTarget,
  fetchImpl?: typeof fetch,
): Promise<PrimaryVerdict> {
  const local = await localHistoryWeight(db);
  // An edit made since the push is in that count but not yet on the primary: only compare when none is.
  if ((await pendingChanges()) > 0) return UNCHECKED;
  let onPrimary: number;
  try {
    onPrimary = await primaryChangeCount(remote, fetchImpl);
  } catch (error) {
    // A check that cannot run proves nothing, so the cycle has not succeeded: counting it as a success once
    // cleared a Repair offer when the primary went away between the pull and this check.
    throw new PrimaryCheckError(error);
  }
  if (onPrimary >= local) return WHOLE;
  const lost = local - onPrimary;
  // The loop checks again and offers Repair (which sends them again) if the loss persists.
  return {
    kind: 'lost',
    problem:
      `The primary has lost ${lost} edit${lost === 1 ? '' : 's'} this laptop had already synced ` +
      '(it may have been restored from a backup or recreated). They are safe on this laptop.',
  };
}
