/**
 * Who compacts and when. Any laptop may (folds are safe concurrently, see
 * changes/compaction.ts), but only:
 * - right after a successful pull, with nothing pending, so what it deletes
 *   is what the primary holds and its newest rows are the primary's;
 * - never in the session's first cycle (a first download or upload has
 *   enough to do) — the runner is only asked after a cycle that reconciled;
 * - only with an archive (the workspace's object store): without one old
 *   edits would exist only as their winners, so nothing is compacted;
 * - at most once a day per workspace (remembered in a small local file), and
 *   within a time budget per cycle so the sync loop keeps moving; an
 *   unfinished run continues on the next cycle.
 * Only changes stamped before now − the retention window are folded.
 */
import fs from 'node:fs';
import { encodeHlc } from '../../../shared/hlc.js';
import type { Db } from '../db/database.js';
import { compactHistory, type CompactResult } from '../changes/compaction.js';
import { archiveInObjectStore, type HistoryArchive } from '../changes/history-archive.js';
import type { StoreConnection } from '../blobs/store-connection.js';
import { replaceFile } from '../fs/replace-file.js';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
/**
 * A folded record is refolded once this many of its rows are due, or its oldest due row is this many
 * days past the cutoff (see compactHistory's `settle`): a few refolds per record's working life
 * rather than one a day, each adding an archive key to its fold.
 */
export const SETTLE_ROWS = 8;
export const SETTLE_DAYS = 30;

export interface CompactionRunnerOptions {
  db: Db;
  deviceId: string;
  /** The archive, or null when the workspace has no object store (then nothing is compacted). */
  archive: () => HistoryArchive | null;
  pendingChanges: () => Promise<number>;
  /** Team time (the corrected clock). */
  now: () => number;
  /** Where the last finished run is remembered (local, never synced). */
  stateFile: string;
  retentionDays?: number;
  /** Hours between runs. */
  intervalHours?: number;
  /** Work per call before yielding the cycle back to the sync loop. */
  budgetMs?: number;
  logError?: (message: string, error: unknown) => void;
}

export type CompactionSkip = 'not-due' | 'no-archive' | 'pending';

export class CompactionRunner {
  private unfinished = false;
  /** After a failed run (e.g. the store unreachable): not before this, so a cycle does not rescan the log each time. */
  private retryAtMs = 0;

  constructor(private readonly options: CompactionRunnerOptions) {}

  private lastRunMs(): number | null {
    try {
      const value = (JSON.parse(fs.readFileSync(this.options.stateFile, 'utf8')) as { lastRunAt?: unknown }).lastRunAt;
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Off the event loop: it runs inside a sync cycle, and a rename over the old file can wait long on a busy disk. */
  private noteRun(at: number): Promise<void> {
    return replaceFile(this.options.stateFile, `${JSON.stringify({ lastRunAt: at })}\n`);
  }

  /** Called after a pull that succeeded (and was reconciled). Never throws: a failed run is tried next cycle. */
  async afterPull(): Promise<CompactResult | CompactionSkip> {
    const now = this.options.now();
    const last = this.lastRunMs();
    const interval = (this.options.intervalHours ?? 24) * 3_600_000;
    if (now < this.retryAtMs) return 'not-due';
    if (!this.unfinished && last !== null && now - last < interval && now >= last) return 'not-due';
    const archive = this.options.archive();
    if (!archive) return 'no-archive';
    if ((await this.options.pendingChanges()) > 0) return 'pending';
    const cutoffMs = now - (this.options.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
    const started = Date.now();
    const budget = this.options.budgetMs ?? 1_000;
    let stopped = false;
    try {
      const result = await compactHistory(this.options.db, {
        cutoffStamp: encodeHlc({ wallMs: Math.max(0, cutoffMs), counter: 0, deviceId: '' }),
        settle: { rows: SETTLE_ROWS, beforeStamp: encodeHlc({ wallMs: Math.max(0, cutoffMs - SETTLE_DAYS * DAY_MS), counter: 0, deviceId: '' }) },
        archive,
        deviceId: this.options.deviceId,
        now: () => new Date(this.options.now()),
        shouldStop: () => {
          stopped = Date.now() - started > budget;
          return stopped;
        },
      });
      this.unfinished = stopped;
      if (!stopped) await this.noteRun(now);
      return result;
    } catch (error) {
      this.options.logError?.('compacting old history failed; it is tried again on a later sync', error);
      this.unfinished = false;
      this.retryAtMs = now + 3_600_000;
      return { folded: 0, folds: 0 };
    }
  }
}

/** The workspace's history archive: its object store (the photos' bucket), or null when none is set up. */
export function historyArchive(photos: { store: StoreConnection } | null): HistoryArchive | null {
  const store = photos?.store.get() ?? null;
  return store ? archiveInObjectStore(store) : null;
}
