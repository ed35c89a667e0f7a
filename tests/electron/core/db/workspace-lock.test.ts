import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, LOCK_FILE, readLock } from '../../../../electron/core/db/workspace-lock.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function writeLock(dir: string, content: string, ageMs = 0): void {
  const file = path.join(dir, LOCK_FILE);
  fs.writeFileSync(file, content);
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

describe('workspace lock', () => {
  it('records pid, host and start time; a second taker is told who holds it; release frees it', () => {
    const dir = tempDir();
    const lock = acquireWorkspaceLock(dir);
    expect(readLock(lock.file)).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(() => acquireWorkspaceLock(dir)).toThrow(/Fieldbook is already open on this workspace \(process \d+ on /);
    try {
      acquireWorkspaceLock(dir);
    } catch (error) {
      expect((error as { code: string }).code).toBe('WORKSPACE_LOCKED');
    }
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    acquireWorkspaceLock(dir).release();
  });

  it('a lock whose process is dead on this host is stale and taken over', () => {
    const dir = tempDir();
    writeLock(dir, JSON.stringify({ pid: deadPid(), hostname: os.hostname(), startedAt: new Date().toISOString() }));
    const lock = acquireWorkspaceLock(dir);
    expect(readLock(lock.file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('a live pid that started after the lock was written (pid reused) is stale', () => {
    const dir = tempDir();
    writeLock(dir, JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date(Date.now() - 86_400_000).toISOString() }));
    if (process.platform === 'linux') acquireWorkspaceLock(dir).release();
    else expect(() => acquireWorkspaceLock(dir)).toThrow(/already open/);
  });

  it('a lock from another host is never assumed stale', () => {
    const dir = tempDir();
    writeLock(dir, JSON.stringify({ pid: deadPid(), hostname: `not-${os.hostname()}`, startedAt: new Date().toISOString() }));
    expect(() => acquireWorkspaceLock(dir)).toThrow(/already open .*on not-/);
  });

  it('a half-written lock is respected while fresh and taken over once old', () => {
    const dir = tempDir();
    writeLock(dir, '{"pid":');
    expect(() => acquireWorkspaceLock(dir)).toThrow(/already open/);
    writeLock(dir, '{"pid":', 60_000);
    acquireWorkspaceLock(dir).release();
  });

  it('release never removes a lock that another process has taken meanwhile', () => {
    const dir = tempDir();
    const lock = acquireWorkspaceLock(dir);
    const other = JSON.stringify({ pid: 1, hostname: os.hostname(), startedAt: new Date().toISOString() });
    fs.writeFileSync(lock.file, other);
    lock.release();
    expect(fs.readFileSync(lock.file, 'utf8')).toBe(other);
  });
});
