/**
 * Workspaces against real primaries: two workspaces on two primaries never
 * mix rows; a workspace left with unpushed edits keeps pushing in the
 * background while another is open; a branch made with `--from` (file copy
 * or over the pipeline) starts with the source's rows and then goes its own way.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import { copyPrimaryFiles, copyPrimaryOverHttp } from '../../electron/core/primary/primary-copy.js';
import type { WorkspaceManager } from '../../electron/core/workspaces/workspace-manager.js';
import type { JobPage } from '../../shared/domain/jobs.js';
import type { SyncStatus } from '../../shared/domain/sync.js';
import type { WorkspaceInfo, WorkspaceSummary } from '../../shared/domain/workspace.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { call, refusal, startTestWorkspaces } from '../helpers/workspaces.js';

const titles = async (m: WorkspaceManager) => (await call<JobPage>(m, 'jobs.list', { limit: 500 })).items.map((j) => j.title).sort();
const onPrimary = async (url: string) => (await primarySql(url, 'SELECT title FROM jobs ORDER BY title')).map((r) => r[0]);
const upToDate = (m: WorkspaceManager) =>
  waitFor('up to date', async () => {
    const s = await call<SyncStatus>(m, 'sync.now');
    return s.state === 'up_to_date' && s.pendingChanges === 0 ? s : undefined;
  });

describe('workspaces on real primaries', () => {
  it('two workspaces on two primaries never mix rows, through switches both ways', { timeout: 120_000 }, async () => {
    const [p1, p2] = await Promise.all([startPrimary(), startPrimary()]);
    const m = await startTestWorkspaces();
    const a = await call<WorkspaceInfo>(m, 'workspace.info');
    await call(m, 'settings.setConnection', { url: p1.url });
    await call(m, 'jobs.create', { title: 'A1' });
    await upToDate(m);
    const b = await call<WorkspaceSummary>(m, 'workspace.create', { name: 'B' });
    await call(m, 'settings.setConnection', { url: p2.url });
    await call(m, 'jobs.create', { title: 'B1' });
    await upToDate(m);
    await call(m, 'workspace.switch', { id: a.id });
    await call(m, 'jobs.create', { title: 'A2' });
    await upToDate(m);
    await call(m, 'workspace.switch', { id: b.id });
    await call(m, 'jobs.create', { title: 'B2' });
    await upToDate(m);

    expect(await titles(m)).toEqual(['B1', 'B2']);
    expect(await onPrimary(p2.url)).toEqual(['B1', 'B2']);
    expect(await onPrimary(p1.url)).toEqual(['A1', 'A2']);
    await call(m, 'workspace.switch', { id: a.id });
    await upToDate(m);
    expect(await titles(m)).toEqual(['A1', 'A2']);
    const list = await call<WorkspaceSummary[]>(m, 'workspace.list');
    expect(list.map((w) => [w.name, w.url])).toEqual([
      ['My workspace', p1.url],
      ['B', p2.url],
    ]);
  });

  it('a workspace with unpushed edits keeps pushing in the background, then closes', { timeout: 120_000 }, async () => {
    const dir1 = tempDir('fieldbook-primary-');
    const p1 = await startPrimary(dir1);
    const p2 = await startPrimary();
    const m = await startTestWorkspaces();
    const a = await call<WorkspaceInfo>(m, 'workspace.info');
    await call(m, 'settings.setConnection', { url: p1.url });
    await upToDate(m);
    await p1.stop('SIGKILL');
    for (let i = 0; i < 5; i++) await call(m, 'jobs.create', { title: `Offline A${i}` });
    await waitFor('A pending', async () => ((await call<SyncStatus>(m, 'sync.status')).pendingChanges > 0 ? true : undefined));

    const b = await call<WorkspaceSummary>(m, 'workspace.create', { name: 'B' });
    await call(m, 'settings.setConnection', { url: p2.url });
    expect(m.currentWorkspaceId).toBe(b.id);
    expect([...m.openCores().keys()].sort()).toEqual([a.id, b.id].sort());
    expect((await call<WorkspaceSummary[]>(m, 'workspace.list')).find((w) => w.id === a.id)).toMatchObject({ open: true, current: false });

    await startPrimary(dir1, p1.port);
    await waitFor('A’s edits on its primary while B is open', async () => ((await onPrimary(p1.url)).length === 5 ? true : undefined), 30_000);
    expect(m.currentWorkspaceId).toBe(b.id);
    await waitFor('A closed once it had nothing to push', () => (!m.openCores().has(a.id) ? true : undefined), 30_000);
    expect(await onPrimary(p2.url)).toEqual([]);
  });

  it('a branch copied from a primary starts with its rows and then goes its own way', { timeout: 120_000 }, async () => {
    const sourceDir = tempDir('fieldbook-primary-');
    const source = await startPrimary(sourceDir);
    const m = await startTestWorkspaces();
    await call(m, 'settings.setConnection', { url: source.url });
    await call(m, 'jobs.create', { title: 'Team job' });
    await upToDate(m);

    // Over the pipeline while it runs; a file copy of a served primary is refused.
    const viaHttp = await startPrimary();
    expect(await copyPrimaryOverHttp(source.url, viaHttp.url)).toMatchObject({ rows: expect.any(Number) });
    expect(await onPrimary(viaHttp.url)).toEqual(['Team job']);
    const branchDir = tempDir('fieldbook-branch-');
    await expect(copyPrimaryFiles(path.join(sourceDir, 'primary.db'), path.join(branchDir, 'primary.db'))).rejects.toThrow(/serving it/);

    // As a file set once it is stopped.
    await source.stop();
    await copyPrimaryFiles(path.join(sourceDir, 'primary.db'), path.join(branchDir, 'primary.db'));
    await expect(copyPrimaryFiles(path.join(sourceDir, 'primary.db'), path.join(branchDir, 'primary.db'))).rejects.toThrow(/already exists/);
    const branch = await startPrimary(branchDir);
    const restarted = await startPrimary(sourceDir, source.port);

    for (const [name, url] of [['Staging', branch.url], ['Copy over HTTP', viaHttp.url]] as const) {
      await call(m, 'workspace.create', { name });
      await call(m, 'settings.setConnection', { url });
      await waitFor(`${name} holds the team's job`, async () => ((await titles(m)).includes('Team job') ? true : undefined), 30_000);
      await call(m, 'jobs.create', { title: `Tried on ${name}` });
      await upToDate(m);
      expect(await onPrimary(url)).toEqual(['Team job', `Tried on ${name}`]);
    }
    expect(await onPrimary(restarted.url)).toEqual(['Team job']);
    expect(await refusal(m, 'workspace.rename', { id: 'not-an-id', name: 'x' })).toMatchObject({ code: 'INVALID_INPUT', field: 'id' });
  });
});
