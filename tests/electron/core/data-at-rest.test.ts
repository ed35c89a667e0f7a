/**
 * Data at rest: every file and folder a real core creates in its data folder
 * (replica files written by the native engine itself, sync state, recovery
 * exports and moved-aside damaged files, logs, settings) is private to the
 * user: 0600 files, 0700 folders. The process starts with the usual 022 umask,
 * as Electron and Node do, so the core has to make this happen itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { REPLICA_FILE, type Core } from '../../../electron/core/app-core.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../../electron/core/fs/private-files.js';
import { fileSink } from '../../../electron/core/log/file-sink.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import type { Job } from '../../../shared/domain/jobs.js';
import type { RepairReport } from '../../../shared/domain/sync.js';
import { closeCore, invoke, startTestCore } from '../../helpers/core.js';
import { edit } from '../../helpers/edits.js';
import { startPrimary, waitFor } from '../../helpers/primary.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Windows has no POSIX modes (the profile's ACLs protect the folder); everything else still runs there.
const POSIX = process.platform !== 'win32';
const USUAL_UMASK = 0o022;
const originalUmask = process.umask(USUAL_UMASK);
beforeEach(() => {
  process.umask(USUAL_UMASK);
});
afterAll(() => {
  process.umask(originalUmask);
});

interface Entry {
  path: string;
  kind: 'file' | 'dir';
  mode: number;
}

function walk(root: string): Entry[] {
  const out: Entry[] = [];
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isDirectory()) {
      out.push({ path: entry, kind: 'dir', mode: stat.mode & 0o777 });
      for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    } else if (stat.isFile()) {
      out.push({ path: entry, kind: 'file', mode: stat.mode & 0o777 });
    }
  };
  visit(root);
  return out;
}

function notPrivate(root: string): string[] {
  return walk(root)
    .filter((e) => e.mode !== (e.kind === 'dir' ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE))
    .map((e) => `${path.relative(root, e.path) || '.'} ${e.kind} 0${e.mode.toString(8)}`);
}

function relativeNames(root: string): string[] {
  return walk(root).map((e) => path.relative(root, e.path).split(path.sep).join('/'));
}

function replicaFile(core: Core): string {
  return path.join(core.settings.workspaceDir(core.settings.current.currentWorkspaceId), REPLICA_FILE);
}

/** Edits, a sync, a repair of damaged files, and a rotated log file: every kind of file the core writes. */
async function exerciseEverything(dataDir: string, primaryUrl: string): Promise<void> {
  const logger = createLogger({ sinks: [fileSink(path.join(dataDir, 'logs', 'main.log'), 2_000)] });
  const core = await startTestCore({ dataDir, primaryUrl, logger });
  const job = await invoke<Job>(core, 'jobs.create', { title: 'Private job' });
  await invoke(core, 'notes.add', { jobId: job.id, body: 'Gate code 4711' });
  expect((await core.sync.syncNow()).state).toBe('up_to_date');
  await core.sync.stop();
  await edit(core, 'job', job.id, 'update', { title: 'Overwritten value' });
  fs.writeFileSync(`${replicaFile(core)}-info`, 'damaged on purpose');
  const report = await invoke<RepairReport>(core, 'sync.repair', { force: true });
  expect(report.reapplied).toBe(1);
  await waitFor('synced after repair', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
  for (let i = 0; i < 60; i++) logger.info(`line ${i} ${'x'.repeat(50)}`);
  await closeCore(core);
}

describe('data at rest', () => {
  it('every file and folder the core creates is 0600 / 0700, the native engine’s own files included', async () => {
    const primary = await startPrimary();
    const dataDir = path.join(tempDir('fieldbook-home-'), 'Fieldbook');
    await exerciseEverything(dataDir, primary.url);

    const names = relativeNames(dataDir);
    // The walk saw every kind of file, so the mode check below covers them.
    for (const expected of [
      'settings.json',
      'logs/main.log',
      'logs/main.old.log',
      `workspaces/*/${REPLICA_FILE}`,
      `workspaces/*/${REPLICA_FILE}-wal`,
      `workspaces/*/${REPLICA_FILE}-info`,
      `workspaces/*/${REPLICA_FILE}-changes`,
      `workspaces/*/${REPLICA_FILE}.sync-state.json`,
      'workspaces/*/recovery-*/change-log-export.json',
      `workspaces/*/recovery-*/damaged/${REPLICA_FILE}-info`,
    ]) {
      const pattern = new RegExp(`^${expected.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]+')}$`);
      expect(names.some((n) => pattern.test(n)), expected).toBe(true);
    }
    if (POSIX) expect(notPrivate(dataDir)).toEqual([]);
  });

  it('an install from before (folders 0755, files 0644) is made private when the core starts', async () => {
    const primary = await startPrimary();
    const dataDir = path.join(tempDir('fieldbook-home-'), 'Fieldbook');
    await exerciseEverything(dataDir, primary.url);
    for (const entry of walk(dataDir)) fs.chmodSync(entry.path, entry.kind === 'dir' ? 0o755 : 0o644);
    // A symbolic link (Chromium keeps one in its user-data folder) is left alone, and so is its target.
    const outside = path.join(tempDir('fieldbook-outside-'), 'shared.txt');
    fs.writeFileSync(outside, 'not ours');
    fs.chmodSync(outside, 0o644);
    if (POSIX) fs.symlinkSync(outside, path.join(dataDir, 'SingletonLock'));
    if (POSIX) expect(notPrivate(dataDir).length).toBeGreaterThan(5);

    process.umask(USUAL_UMASK);
    const core = await startTestCore({ dataDir, primaryUrl: primary.url });
    await invoke(core, 'jobs.create', { title: 'After the upgrade' });
    await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    await closeCore(core);

    if (POSIX) {
      expect(notPrivate(dataDir)).toEqual([]);
      expect(fs.statSync(outside).mode & 0o777).toBe(0o644);
    }
  });
});
