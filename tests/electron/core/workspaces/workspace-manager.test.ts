/**
 * Several workspaces on one laptop, each a real Core with its own replica
 * folder: create, rename, switch without restart, remove (refused while edits
 * are unpushed unless exported), the demo workspace, and payload checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/domain/jobs.js';
import type { WorkspaceChanged, WorkspaceInfo, WorkspaceSummary } from '../../../../shared/domain/workspace.js';
import { call, closeWorkspaces, refusal, startTestWorkspaces } from '../../../helpers/workspaces.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('workspace manager', () => {
  it('creates, renames and switches workspaces; each has its own rows and folder', async () => {
    const dataDir = tempDir('fieldbook-data-');
    const manager = await startTestWorkspaces({ dataDir });
    const changed: WorkspaceChanged[] = [];
    manager.events.on((event, payload) => event === 'workspace.changed' && changed.push(payload as WorkspaceChanged));
    const first = await call<WorkspaceInfo>(manager, 'workspace.info');
    await call(manager, 'jobs.create', { title: 'Pump check in the first workspace' });

    const second = await call<WorkspaceSummary>(manager, 'workspace.create', { name: '  Harbour team  ' });
    expect(second).toMatchObject({ name: 'Harbour team', current: true, kind: 'team', url: null });
    expect(changed.at(-1)).toEqual({ id: second.id, name: 'Harbour team', kind: 'team' });
    expect((await call<WorkspaceInfo>(manager, 'workspace.info')).id).toBe(second.id);
    expect(await call<{ items: Job[] }>(manager, 'jobs.list', {})).toMatchObject({ items: [] });
    await call(manager, 'jobs.create', { title: 'Crane inspection' });

    await call(manager, 'workspace.rename', { id: first.id, name: 'Plant North' });
    const list = await call<WorkspaceSummary[]>(manager, 'workspace.list');
    expect(list.map((w) => [w.name, w.current])).toEqual([
      ['Plant North', false],
      ['Harbour team', true],
    ]);

    await call(manager, 'workspace.switch', { id: first.id });
    expect(changed.at(-1)).toMatchObject({ id: first.id, name: 'Plant North' });
    const titles = (await call<{ items: Job[] }>(manager, 'jobs.list', {})).items.map((j) => j.title);
    expect(titles).toEqual(['Pump check in the first workspace']);
    expect(fs.existsSync(path.join(dataDir, 'workspaces', second.id, 'fieldbook.db'))).toBe(true);

    // The choice survives a restart.
    await closeWorkspaces(manager);
    const again = await startTestWorkspaces({ dataDir });
    expect((await call<WorkspaceInfo>(again, 'workspace.info')).name).toBe('Plant North');
  });

  it('refuses bad names and ids in plain words, changing nothing', async () => {
    const manager = await startTestWorkspaces();
    const empty = await refusal(manager, 'workspace.create', { name: '   ' });
    expect(empty).toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    expect(empty.message).toMatch(/workspace name/i);
    const long = await refusal(manager, 'workspace.create', { name: 'x'.repeat(81) });
    expect(long.message).toMatch(/workspace name.*80/i);
    expect((await refusal(manager, 'workspace.create', { name: 'a\u0007b' })).message).toMatch(/control characters/);
    expect((await refusal(manager, 'workspace.switch', { id: '../../etc' })).message).toMatch(/workspace reference/i);
    expect(await refusal(manager, 'workspace.switch', { id: '01890a5d-ac96-774b-bcce-b302099a8057' })).toMatchObject({ code: 'NOT_FOUND' });
    await call(manager, 'workspace.create', { name: 'Harbour' });
    expect(await refusal(manager, 'workspace.create', { name: 'HARBOUR' })).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(await call<WorkspaceSummary[]>(manager, 'workspace.list')).toHaveLength(2);
  });

  it('refuses to remove a workspace with unpushed edits until it is exported, and removes it then', async () => {
    let manager = await startTestWorkspaces();
    const first = await call<WorkspaceInfo>(manager, 'workspace.info');
    await call(manager, 'jobs.create', { title: 'Never synced' });
    const other = await call<WorkspaceSummary>(manager, 'workspace.create', { name: 'Other' });

    const open = await refusal(manager, 'workspace.remove', { id: other.id });
    expect(open).toMatchObject({ code: 'CONFLICT' });
    expect(open.message).toMatch(/is open/);

    const unpushed = await refusal(manager, 'workspace.remove', { id: first.id });
    expect(unpushed.code).toBe('CONFLICT');
    expect(unpushed.message).toMatch(/1 edit not yet on its database.*Export/);
    expect((await call<WorkspaceSummary[]>(manager, 'workspace.list')).map((w) => w.id)).toContain(first.id);

    const backup = await call<{ file: string; unpushedEdits: number }>(manager, 'workspace.export', { id: first.id });
    expect(backup.unpushedEdits).toBe(1);
    expect(fs.existsSync(backup.file)).toBe(true);
    // The export counts across a restart too.
    const dataDir = manager.settings.dataDir;
    await closeWorkspaces(manager);
    manager = await startTestWorkspaces({ dataDir });
    await call(manager, 'workspace.remove', { id: first.id });
    expect((await call<WorkspaceSummary[]>(manager, 'workspace.list')).map((w) => w.name)).toEqual(['Other']);
    expect(fs.existsSync(path.join(manager.settings.dataDir, 'workspaces', first.id))).toBe(false);
  });

  it('an edit made after the export makes removal refuse again', async () => {
    const manager = await startTestWorkspaces();
    const first = await call<WorkspaceInfo>(manager, 'workspace.info');
    await call(manager, 'jobs.create', { title: 'One' });
    await call(manager, 'workspace.export', {});
    await call(manager, 'jobs.create', { title: 'Two, after the backup' });
    await call(manager, 'workspace.create', { name: 'Other' });
    expect((await refusal(manager, 'workspace.remove', { id: first.id })).message).toMatch(/2 edits/);
  });

  it('puts sample data into a local-only Demo workspace that refuses a connection', async () => {
    const manager = await startTestWorkspaces({ primaryUrl: 'http://127.0.0.1:9' });
    const team = await call<WorkspaceInfo>(manager, 'workspace.info');
    const refused = await refusal(manager, 'workspace.loadSampleData');
    expect(refused.message).toMatch(/Demo workspace/);

    const loaded = await call<{ jobs: number } | null>(manager, 'workspace.openDemo');
    expect(loaded).toMatchObject({ jobs: 6 });
    const demo = await call<WorkspaceInfo>(manager, 'workspace.info');
    expect(demo).toMatchObject({ name: 'Demo', kind: 'demo' });
    expect(demo.id).not.toBe(team.id);
    expect((await call<{ url: string | null; localOnly?: boolean }>(manager, 'settings.getConnection'))).toMatchObject({ url: null, localOnly: true });
    const noUrl = await refusal(manager, 'settings.setConnection', { url: 'http://127.0.0.1:8080' });
    expect(noUrl).toMatchObject({ code: 'CONFLICT', field: 'url' });
    expect((await call<{ state: string }>(manager, 'sync.status')).state).toBe('not_configured');

    // Opening it again neither duplicates it nor its data.
    await call(manager, 'workspace.switch', { id: team.id });
    expect(await call(manager, 'workspace.openDemo')).toBeNull();
    expect((await call<WorkspaceSummary[]>(manager, 'workspace.list')).filter((w) => w.kind === 'demo')).toHaveLength(1);
    expect((await call<{ items: Job[] }>(manager, 'jobs.list', {})).items).toHaveLength(6);
  });
});
