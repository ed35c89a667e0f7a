/**
 * Is the replica safe to serve? The engine aborts the whole process when it
 * reads some corrupt pages (measured: `index out of bounds` in `pager.rs` on a
 * search after 8 KiB of a 20,000-job file were overwritten), so a damaged file
 * must be found before the app reads it, by a check in another process.
 *
 * The check is not free (PRAGMA quick_check, ~1 s at 100,000 jobs), so it runs
 * only when there is reason to doubt the files: a small record beside the
 * replica says "open" while the app runs and, after a clean close, holds a
 * fingerprint (size and mtime of every replica file). At start-up the check
 * runs when the last run did not close cleanly (a crash, including a crash
 * while reading a bad page), when the files changed while the app was closed,
 * when corruption was seen while running, or when there is no record at all.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import { replaceFile, replaceFileSync } from '../fs/replace-file.js';
import { integrityChildScript, nodeChildRunner, type ChildOutcome, type ChildRunner } from './child-runner.js';
import type { ChildVerdict } from './integrity-check-child.js';
import { REPLICA_FILE_SUFFIXES } from './replica.js';
import { isEngineLockError, workspaceLockedError } from './workspace-lock.js';

export const HEALTH_FILE_SUFFIX = '.health.json';

interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Size and mtime of each replica file that exists, by suffix. */
export type Fingerprint = Record<string, FileStamp>;

type HealthRecord =
  | { state: 'open'; pid: number; since: string; uncleanInARow: number }
  | { state: 'closed'; at: string; fingerprint: Fingerprint }
  | { state: 'suspect'; at: string; reason: string };

export interface HealthVerdict {
  /** Why the files must not be served (the rebuild's notice starts with it), or null. */
  damaged: string | null;
  /** Why a check ran, or null when the last close was clean and nothing changed. */
  checkedBecause: string | null;
  checkMs: number | null;
}

export interface ReplicaHealthOptions {
  runChild?: ChildRunner;
  childScript?: string;
  /** A check that runs longer than this is taken as a hang on bad pages. */
  checkTimeoutMs?: number;
  /** Rebuild once this many runs in a row ended uncleanly although each check passed. */
  crashLoopAfter?: number;
  log?: (message: string) => void;
}

export const CHECK_TIMEOUT_MS = 60_000;
export const CRASH_LOOP_AFTER = 3;

export function fingerprint(replicaPath: string): Fingerprint {
  const stamps: Fingerprint = {};
  for (const suffix of REPLICA_FILE_SUFFIXES) {
    try {
      const stat = fs.statSync(`${replicaPath}${suffix}`);
      stamps[suffix] = { size: stat.size, mtimeMs: stat.mtimeMs };
    } catch {
      // Absent files are part of the fingerprint by their absence.
    }
  }
  return stamps;
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k]?.size === b[k]?.size && a[k]?.mtimeMs === b[k]?.mtimeMs);
}

export class ReplicaHealth {
  readonly file: string;
  private corruption: string | null = null;
  private uncleanInARow = 0;
  private asClosed = false;

  constructor(
    readonly replicaPath: string,
    private readonly options: ReplicaHealthOptions = {},
  ) {
    this.file = `${replicaPath}${HEALTH_FILE_SUFFIX}`;
  }

  /**
   * Before the replica opens: decide whether it may be served, then mark it
   * open, so that a crash from here on (while opening, migrating or serving)
   * makes the next start check the files.
   */
  async beforeOpen(): Promise<HealthVerdict> {
    const verdict = await this.assess();
    this.asClosed = verdict.checkedBecause === null && verdict.damaged === null;
    // Awaited before the open goes on, off the event loop: the rename over the last record can wait long on a busy disk.
    await this.writeRecordOffLoop({ state: 'open', pid: process.pid, since: new Date().toISOString(), uncleanInARow: this.uncleanInARow });
    return verdict;
  }

  /**
   * The last beforeOpen found the files exactly as a clean close left them (so no check ran):
   * start-up checks that only look for damage may be skipped, as the check itself was.
   */
  get foundAsClosedCleanly(): boolean {
    return this.asClosed;
  }

  /** Corruption was seen while serving (and no repair since). */
  get damageSeen(): boolean {
    return this.corruption !== null;
  }

  /** Corruption seen while serving: the next start checks the files even after a clean close. */
  noteCorruption(error: unknown): void {
    if (this.corruption) return;
    this.corruption = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    this.writeRecord({ state: 'suspect', at: new Date().toISOString(), reason: this.corruption });
  }

  /** The replica was rebuilt while running: what was noted no longer applies. */
  clearCorruption(): void {
    this.corruption = null;
    this.writeRecord({ state: 'open', pid: process.pid, since: new Date().toISOString(), uncleanInARow: 0 });
  }

  /** After the replica closed without error: record what the files look like now. */
  markClosedCleanly(): void {
    if (this.corruption) {
      this.writeRecord({ state: 'suspect', at: new Date().toISOString(), reason: this.corruption });
      return;
    }
    this.writeRecord({ state: 'closed', at: new Date().toISOString(), fingerprint: fingerprint(this.replicaPath) });
  }

  private async assess(): Promise<HealthVerdict> {
    this.uncleanInARow = 0;
    if (!REPLICA_FILE_SUFFIXES.some((suffix) => fs.existsSync(`${this.replicaPath}${suffix}`))) {
      return { damaged: null, checkedBecause: null, checkMs: null };
    }
    const record = this.readRecord();
    let because: string | null;
    if (!record) because = 'there is no record of how this copy was last closed';
    else if (record.state === 'open') {
      this.uncleanInARow = record.uncleanInARow + 1;
      because = 'Fieldbook did not close cleanly last time';
    } else if (record.state === 'suspect') because = `the database reported damage while in use (${record.reason})`;
    else because = sameFingerprint(record.fingerprint, fingerprint(this.replicaPath)) ? null : 'the files changed while Fieldbook was closed';
    if (!because) return { damaged: null, checkedBecause: null, checkMs: null };

    const started = Date.now();
    const damaged = await this.check();
    const checkMs = Date.now() - started;
    this.options.log?.(`replica check (${because}): ${damaged ?? 'ok'} in ${checkMs} ms`);
    if (damaged) return { damaged, checkedBecause: because, checkMs };
    const loopAfter = this.options.crashLoopAfter ?? CRASH_LOOP_AFTER;
    if (this.uncleanInARow >= loopAfter) {
      // The check passed, yet every run with this copy ends in a crash: stop the loop.
      return {
        damaged: `Fieldbook stopped unexpectedly ${this.uncleanInARow} times in a row with this copy of the workspace open`,
        checkedBecause: because,
        checkMs,
      };
    }
    return { damaged: null, checkedBecause: because, checkMs };
  }

  /** Runs the check in a child process; a plain-words reason when the files are damaged, else null. */
  private async check(): Promise<string | null> {
    // Measured: the engine hangs opening a file that is not a database at all, so look at the header first.
    if (!hasSqliteHeader(this.replicaPath)) return 'The workspace database on this laptop is damaged (file is not a database)';
    const run = this.options.runChild ?? nodeChildRunner;
    const outcome = await run(this.options.childScript ?? integrityChildScript(), ['check', this.replicaPath], this.options.checkTimeoutMs ?? CHECK_TIMEOUT_MS);
    const verdict = parseVerdict(outcome);
    if (verdict?.result === 'ok') return null;
    if (verdict?.result === 'corrupt') return `The workspace database on this laptop is damaged (${verdict.detail})`;
    if (verdict?.result === 'error') {
      // Another process holds the file: "already open", never damage.
      if (isEngineLockError(verdict.detail)) throw workspaceLockedError(this.replicaPath, null);
      // Anything else says nothing about the pages; opening the replica will meet it and decide.
      this.options.log?.(`replica check could not run: ${verdict.detail}`);
      return null;
    }
    if (outcome.timedOut) return 'Checking the workspace database on this laptop did not finish (it hung on damaged data)';
    if (diedOfAbort(outcome)) return `The workspace database on this laptop is damaged (the database engine crashed while checking it: ${describeDeath(outcome)})`;
    // Our script failed (not the engine): that says nothing about the files, so never rebuild for it.
    this.options.log?.(`replica check failed to run (${describeDeath(outcome)}): ${outcome.stderr.slice(-500)}`);
    return null;
  }

  private readRecord(): HealthRecord | null {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as HealthRecord;
      return parsed && typeof parsed === 'object' && ['open', 'closed', 'suspect'].includes(parsed.state) ? parsed : null;
    } catch {
      return null;
    }
  }

  private async writeRecordOffLoop(record: HealthRecord): Promise<void> {
    try {
      await replaceFile(this.file, JSON.stringify(record));
    } catch (error) {
      throw new AppError('STORAGE_FAILED', `Could not write ${this.file}: ${(error as Error).message}`);
    }
  }

  /** After `beforeOpen`'s off-loop write has finished, so the two never race for the file. */
  private writeRecord(record: HealthRecord): void {
    try {
      replaceFileSync(this.file, JSON.stringify(record));
    } catch (error) {
      throw new AppError('STORAGE_FAILED', `Could not write ${this.file}: ${(error as Error).message}`);
    }
  }
}

const SQLITE_HEADER = 'SQLite format 3\0';

function hasSqliteHeader(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(SQLITE_HEADER.length);
      return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === SQLITE_HEADER;
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    // No main file at all (only side files): nothing to check here, the open decides.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function parseVerdict(outcome: ChildOutcome): ChildVerdict | null {
  if (outcome.code !== 0) return null;
  const line = outcome.stdout.trim().split('\n').pop();
  try {
    const parsed = JSON.parse(line ?? '') as ChildVerdict;
    return ['ok', 'corrupt', 'error'].includes(parsed.result) ? parsed : null;
  } catch {
    return null;
  }
}

/** POSIX abort signal, or Windows' abort() / __fastfail codes (a Rust panic aborts). */
const ABORT_CODES = new Set([134, 3, 0xc0000409]);

export function diedOfAbort(outcome: ChildOutcome): boolean {
  if (outcome.signal !== null) return true;
  if (/panicked at|fatal runtime error|Fatal JavaScript/.test(outcome.stderr)) return true;
  return outcome.code !== null && outcome.code !== 0 && ABORT_CODES.has(outcome.code);
}

function describeDeath(outcome: ChildOutcome): string {
  const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.code}`;
  // The first line of a Rust panic says where; the rest is a backtrace.
  const panic = /panicked at [^\n]*\n?[^\n]*/.exec(outcome.stderr)?.[0].replace(/\s+/g, ' ').trim();
  return panic ? `${how}: ${panic.slice(0, 200)}` : how;
}
