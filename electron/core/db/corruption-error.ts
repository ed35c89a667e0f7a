/**
 * Which engine errors mean the replica's files are damaged (as opposed to
 * busy, locked by another process, offline or refused). Retrying such an error
 * never helps: the app must stop serving the file and rebuild it. Used by the
 * start-up health check, the sync loop and the handler dispatch.
 */
import { AppError } from '../../../shared/errors.js';

/**
 * Texts measured from `@tursodatabase/sync` 0.7.2 on pages overwritten with
 * random bytes ("Corrupt database: Invalid page type: 130") plus SQLite's own
 * wording for the same states, which the engine mirrors in places. A bare
 * "malformed" is not enough: a server's "malformed request" is no damage here.
 */
const CORRUPTION = new RegExp(
  [
    'corrupt(ed)? database',
    'database (disk image )?is (malformed|corrupt)',
    'malformed (database|schema|page|record|cell|b-?tree)',
    'invalid page type',
    'file is not a database',
    'SQLITE_(CORRUPT|NOTADB)',
    // engine-host/engine-stopped.ts: the engine's own process aborted on the files, or kept dying.
    'database engine (aborted|kept stopping)',
  ].join('|'),
  'i',
);

function messagesOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || error === undefined) return [];
  if (error instanceof Error) return [error.message, ...messagesOf(error.cause, depth + 1)];
  return [String(error)];
}

/** True when the error (or one it wraps as `cause`) says the database file is damaged. */
export function isCorruptionError(error: unknown): boolean {
  return messagesOf(error).some((message) => CORRUPTION.test(message));
}

/** What a worker is told when a read or write meets damaged pages the engine reported as an error. */
export function damagedReplicaError(error: unknown): AppError {
  const first = (messagesOf(error)[0] ?? '').split('\n')[0]!.slice(0, 200);
  return new AppError(
    'STORAGE_FAILED',
    `This laptop's copy of the workspace is damaged (${first}). Edits you saved are kept in the journal; ` +
      'use "Repair" on the Sync screen to rebuild the copy from the primary.',
  );
}
