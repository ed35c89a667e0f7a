import { describe, expect, it } from 'vitest';
import type { JobPage } from '../../shared/domain/jobs.js';
import type { SyncStatus } from '../../shared/domain/sync.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const titles = async (core: Parameters<typeof invoke>[0]) =>
  (await invoke<JobPage>(core, 'jobs.list', { limit: 500 })).items.map((j) => j.title).sort();

describe('replica against a real primary', () => {
  it('opens offline on first run with no primary configured and works locally', async () => {
    const core = await startTestCore();
    await invoke(core, 'jobs.create', { title: 'Inspect boiler' });
    expect(await titles(core)).toEqual(['Inspect boiler']);
    expect((await invoke<SyncStatus>(core, 'sync.status')).state).toBe('not_configured');
  });

  it('two replicas converge through the primary', async () => {
    const primary = await startPrimary();
    const a = await startTestCore({ primaryUrl: primary.url });
    const b = await startTestCore({ primaryUrl: primary.url });
    await invoke(a, 'jobs.create', { title: 'From A' });
    await invoke(b, 'jobs.create', { title: 'From B' });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    await invoke(a, 'sync.now');
    expect(await titles(a)).toEqual(['From A', 'From B']);
    expect(await titles(b)).toEqual(['From A', 'From B']);
    const rows = await primarySql(primary.url, 'SELECT title FROM jobs ORDER BY title');
    expect(rows.map((r) => r[0])).toEqual(['From A', 'From B']);
  });

  it('a replica written while the primary is down pushes everything once it is back', async () => {
    const primaryDir = tempDir('fieldbook-primary-');
    const first = await startPrimary(primaryDir);
    const core = await startTestCore({ primaryUrl: first.url });
    await invoke(core, 'sync.now');
    await first.stop('SIGKILL');

    for (let i = 0; i < 25; i++) await invoke(core, 'jobs.create', { title: `Offline ${i}` });
    const offline = await waitFor('offline status', async () => {
      const s = await invoke<SyncStatus>(core, 'sync.status');
      return s.state === 'offline' ? s : undefined;
    });
    expect(offline.pendingChanges).toBeGreaterThan(0);
    expect(offline.lastError).toMatch(/could not be reached/);

    await startPrimary(primaryDir, first.port);
    const synced = await waitFor('sync after the primary returns', async () => {
      const s = await invoke<SyncStatus>(core, 'sync.status');
      if (process.env.DEBUG_WAIT) console.log(s);
      return s.state === 'up_to_date' && s.pendingChanges === 0 ? s : undefined;
    });
    expect(synced.lastError).toBeNull();
    const rows = await primarySql(first.url, 'SELECT count(*) FROM jobs');
    expect(Number(rows[0]![0])).toBe(25);
  });
});
