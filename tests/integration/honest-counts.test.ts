/**
 * Counts the worker can trust: a fresh install has nothing waiting (the
 * migrations' schema is not "a change"), each edit counts, and a large first
 * upload reports progress that moves, with a real primary.
 */
import { describe, expect, it } from 'vitest';
import { recordEdit } from '../../electron/core/changes/change-log.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import type { SyncStatus, UploadProgress } from '../../shared/domain/sync.js';
import { uuidv7 } from '../../shared/ids.js';
import { closeCore, invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('honest counts', () => {
  it('a fresh install shows nothing waiting; each edit then counts once', async () => {
    const core = await startTestCore();
    expect(await core.replica.pendingChanges()).toBe(0);
    expect(core.sync.status.pendingChanges).toBe(0);
    await invoke(core, 'jobs.create', { title: 'First real edit' });
    await waitFor('one edit pending', () => core.sync.status.pendingChanges === 1);
    await invoke(core, 'jobs.create', { title: 'Second real edit' });
    await waitFor('two edits pending', () => core.sync.status.pendingChanges === 2);
  });

  it('the first upload of a large workspace reports changes and bytes sent, moving, then clears', { timeout: 180_000 }, async () => {
    const dataDir = tempDir('fieldbook-data-');
    const offline = await startTestCore({ dataDir });
    const jobs = 3_000;
    await offline.replica.db.transaction(async (tx) => {
      for (let i = 0; i < jobs; i++) {
        await recordEdit(tx, offline.edits, jobEntity, { entityId: uuidv7(), kind: 'create', values: { title: `Offline job ${i}` } });
      }
    });
    expect(await offline.replica.pendingChanges()).toBe(jobs);
    await closeCore(offline);

    const primary = await startPrimary();
    const seen: UploadProgress[] = [];
    const core = await startTestCore({ dataDir, primaryUrl: primary.url });
    core.events.on((event, payload) => {
      const upload = event === 'sync.statusChanged' ? (payload as SyncStatus).upload : null;
      if (upload) seen.push(upload);
    });
    await waitFor('uploaded', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0, 120_000);
    expect(core.sync.status.upload).toBeNull();
    const sent = seen.map((u) => u.sentChanges);
    expect(new Set(sent).size).toBeGreaterThanOrEqual(3);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    const last = seen[seen.length - 1]!;
    // Jobs rows and change-log rows both travel: the total covers both.
    expect(last.totalChanges).toBeGreaterThanOrEqual(2 * jobs);
    expect(last.sentChanges).toBeGreaterThan(0.9 * last.totalChanges);
    expect(last.sentBytes).toBeGreaterThan(jobs * 100);
    const rows = await primarySql(primary.url, 'SELECT count(*) FROM jobs');
    expect(Number(rows[0]![0])).toBe(jobs);
  });
});
