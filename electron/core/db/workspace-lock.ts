/**
 * One process per workspace. A second app on the same folder, or the browser
 * host pointed at the desktop app's data, must be told "already open" and
 * must not touch the files: the engine's own file lock makes its open fail,
 * and that failure used to be taken for damage (the replica was rebuilt).
 *
 * The app-level lock is a file created with O_EXCL holding the owner's pid,
 * host and process start time. It is stale when its pid is dead on this host
 * (or the pid now belongs to a process that started later: pid reuse); a lock
 * from another host (a shared network folder) is never assumed stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

export const LOCK_FILE = 'fieldbook.lock';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the owning process started. */
  startedAt: string;
}

export interface WorkspaceLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** A lock file nobody could parse (its writer died mid-write) counts as stale after this long. */
const UNREADABLE_STALE_MS = 10_000;
/** Process start times read from /proc and Date are compared with this slack. */
const START_TIME_SLACK_MS = 2_000;

/**
 * Measured with `@tursodatabase/sync` 0.7.2, a second process opening a held
 * replica: "Locking error: Failed locking file '…'. File is locked by another
 * process". Not "database is locked", which is the busy answer within one process.
 */
const ENGINE_LOCK = /Locking error|locked by another process/i;

export function isEngineLockError(error: unknown): boolean {
  return ENGINE_LOCK.test(error instanceof Error ? error.message : String(error));
}

export function workspaceLockedError(dir: string, owner: LockOwner | null): AppError {
  const who = owner ? ` (process ${owner.pid} on ${owner.hostname}, since ${owner.startedAt})` : ' by another program';
  return new AppError(
    'WORKSPACE_LOCKED',
    `Fieldbook is already open on this workspace${who}. Close the other window or the browser host first. ` +
      `Nothing was changed. If no Fieldbook is running, delete ${path.join(dir, LOCK_FILE)}.`,
  );
}

export function acquireWorkspaceLock(dir: string): WorkspaceLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date(processStartMs(process.pid) ?? Date.now()).toISOString() };
  const content = JSON.stringify(owner);
  // A few rounds: another process may be clearing the same stale lock.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      // No fsync: after a crash the lock is judged by its pid, so it need not survive power loss.
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      let released = false;
      return {
        file,
        owner,
        release() {
          if (released) return;
          released = true;
          // Only our own lock: a stale-lock cleanup by someone else may have replaced it.
          if (readText(file) === content) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = readLock(file);
    if (!isStale(file, held)) throw workspaceLockedError(dir, held);
    fs.rmSync(file, { force: true });
  }
  throw workspaceLockedError(dir, readLock(file));
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function readLock(file: string): LockOwner | null {
  const text = readText(file);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.startedAt === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: parsed.startedAt };
    }
  } catch {
    // Half-written: judged by age below.
  }
  return null;
}

function isStale(file: string, owner: LockOwner | null): boolean {
  if (!owner) {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true; // gone meanwhile
    }
  }
  if (owner.hostname !== os.hostname()) return false;
  if (!isAlive(owner.pid)) return true;
  // The pid is alive, but is it still the process that wrote the lock?
  const started = processStartMs(owner.pid);
  const recorded = Date.parse(owner.startedAt);
  return started !== null && Number.isFinite(recorded) && Math.abs(started - recorded) > START_TIME_SLACK_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, from /proc on Linux (null elsewhere, where a live
 * pid is trusted). Both the recorded and the compared time come from here,
 * so the clock-tick assumption cancels out.
 */
function processStartMs(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, clock ticks since boot) counts from after the ")" closing the command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    if (!boot || !Number.isFinite(ticks)) return null;
    return (Number(boot[1]) + ticks / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

/** USER_HZ, 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;
