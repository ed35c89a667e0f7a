/**
 * What kind of failure a failed sync cycle was, so the loop can count failures
 * of one kind in a row (the backoff grows per kind, and Repair is offered only
 * for kinds a rebuild of the replica can fix). The texts are the ones the
 * engine, the network and the primary check are known to produce.
 */
import { isBusyError } from '../db/database.js';
import { PrimaryCheckError } from './primary-check.js';

export type SyncFailureKind =
  /** The probe got no answer: nothing was tried. */
  | 'offline'
  /** Local edits kept the database busy for the whole retry budget. */
  | 'busy'
  /** The primary answered but a sync request broke off (timeout, reset). */
  | 'network'
  /** The primary refused the credentials. */
  | 'auth'
  /** No space left on this laptop's disk. */
  | 'disk-full'
  /** A damaged local file (bad page, malformed database). */
  | 'corruption'
  /** The primary holds fewer changes than this replica already sent (restored or recreated). */
  | 'primary-lost-data'
  /** Anything else the primary or the engine reported. */
  | 'other';

/** Kinds a rebuild from the primary can fix; the others would fail the same way after a repair. */
const REPAIRABLE: ReadonlySet<SyncFailureKind> = new Set(['corruption', 'primary-lost-data', 'other']);

/** Kinds that say nothing about the replica: retried on the short schedule, never counted toward Repair. */
const TRANSIENT: ReadonlySet<SyncFailureKind> = new Set(['offline', 'busy']);

export function isRepairable(kind: SyncFailureKind): boolean {
  return REPAIRABLE.has(kind);
}

export function isTransient(kind: SyncFailureKind): boolean {
  return TRANSIENT.has(kind);
}

/** Classify an error thrown by a sync cycle whose primary answered the probe. */
export function classifySyncFailure(error: unknown): SyncFailureKind {
  const text = error instanceof Error ? error.message : String(error);
  if (isBusyError(error)) return 'busy';
  if (/corrupt|malformed|invalid page type|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(text)) return 'corruption';
  if (/\b401\b|\b403\b|unauthori[sz]ed|forbidden/i.test(text)) return 'auth';
  if (/SQLITE_FULL|ENOSPC|disk is full|database or disk is full/i.test(text)) return 'disk-full';
  if (/fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|network|timed? ?out|aborted|socket hang up/i.test(text)) {
    return 'network';
  }
  // A primary that answers sync but fails the history check is not something a rebuild of this copy fixes.
  if (error instanceof PrimaryCheckError) return 'network';
  return 'other';
}
