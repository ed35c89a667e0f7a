/**
 * Everything Fieldbook keeps on disk (replica files, sync state, recovery
 * exports, logs, settings) is readable by the user who runs it and nobody
 * else: 0600 files and 0700 folders on POSIX. The replica is a plain SQLite
 * file (the engine has no local encryption in sync mode), so these modes are
 * what stands between another account on the laptop and every job.
 *
 * The engine creates its own files (`-wal`, `-info`, `-changes`, …) with the
 * default mode, so explicit modes on our writes are not enough: a process
 * umask makes whatever the process creates private, and `tightenTree` fixes
 * installs made before it (folders 0755, files 0644). Windows has no POSIX
 * modes; there the per-user profile ACLs protect the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger.js';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** Clears every group and other bit of what the process creates from now on. */
export const PRIVATE_UMASK = 0o077;

const POSIX = process.platform !== 'win32';

/**
 * Sets the process umask to PRIVATE_UMASK. Returns false where it cannot be
 * set (Windows, or a worker thread, where Node forbids it); callers then
 * still have the explicit modes and `tightenTree`.
 */
export function restrictUmask(): boolean {
  if (!POSIX) return false;
  try {
    process.umask(PRIVATE_UMASK);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` (and missing parents) as 0700, and tightens `dir` itself if it already existed. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodIfLoose(dir, PRIVATE_DIR_MODE);
}

/** Tightens one file to 0600 if it exists (e.g. a log file an older version created 0644). */
export function makeFilePrivate(file: string): void {
  if (POSIX) chmodIfLoose(file, PRIVATE_FILE_MODE);
}

export interface TightenReport {
  /** Paths whose mode was changed. */
  changed: string[];
  /** Paths that could not be changed (e.g. owned by another user), with why. */
  failed: { path: string; reason: string }[];
}

/**
 * Walks `root` and sets every folder to 0700 and every regular file to 0600.
 * Symbolic links are neither followed nor changed (Chromium keeps a lock link
 * in the user-data folder that points outside it), and entries vanishing
 * mid-walk (the engine's temp files) are skipped.
 */
export function tightenTree(root: string): TightenReport {
  const report: TightenReport = { changed: [], failed: [] };
  if (!POSIX) return report;
  const visit = (entry: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.failed.push({ path: entry, reason: (error as Error).message });
      return;
    }
    if (stat.isDirectory()) {
      tighten(entry, stat, PRIVATE_DIR_MODE, report);
      let names: string[];
      try {
        names = fs.readdirSync(entry);
      } catch (error) {
        report.failed.push({ path: entry, reason: (error as Error).message });
        return;
      }
      for (const name of names) visit(path.join(entry, name));
    } else if (stat.isFile()) {
      tighten(entry, stat, PRIVATE_FILE_MODE, report);
    }
  };
  visit(root);
  return report;
}

function tighten(entry: string, stat: fs.Stats, mode: number, report: TightenReport): void {
  if ((stat.mode & 0o777) === mode) return;
  try {
    fs.chmodSync(entry, mode);
    report.changed.push(entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report.failed.push({ path: entry, reason: (error as Error).message });
  }
}

function chmodIfLoose(entry: string, mode: number): void {
  try {
    if ((fs.statSync(entry).mode & 0o777) !== mode) fs.chmodSync(entry, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Run before anything under the data folder is opened: private umask for
 * every file created from now on (the engine's included), then the folder
 * and what an older version left in it tightened. Fixing modes never stops
 * the app from starting; what could not be fixed is logged.
 */
export function secureDataDir(dataDir: string, logger: Logger): void {
  restrictUmask();
  makePrivateDir(dataDir);
  const { changed, failed } = tightenTree(dataDir);
  if (changed.length > 0) logger.info('made data files private to this user', { count: changed.length });
  for (const problem of failed) logger.warn('could not make a data file private', problem);
}
