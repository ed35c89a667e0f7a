import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job, JobPage } from '../../../../../shared/domain/jobs.js';
import type { Preferences } from '../../../../../shared/domain/preferences.js';
import type { Site, SitePage } from '../../../../../shared/domain/sites.js';
import type { TrashItem } from '../../../../../shared/domain/trash.js';
import { closeCore, invoke, startTestCore } from '../../../../helpers/core.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const PREFS: Preferences = {
  jobList: {
    status: 'in_progress',
    priority: null,
    siteId: null,
    assignee: null,
    unassigned: true,
    assignedToMe: false,
    dueFrom: '2026-12-01',
    dueTo: null,
    sort: 'due',
    direction: 'asc',
    filtersOpen: true,
  },
};

describe('trash', () => {
  it('lists deleted jobs and sites newest first and restores them through the change log', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const site = await invoke<Site>(core, 'sites.create', { name: 'Old Depot', address: 'Mill Lane' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler', siteId: site.id });
    await invoke(core, 'jobs.delete', { id: job.id });
    await invoke(core, 'sites.delete', { id: site.id });
    const listed = await invoke<{ items: TrashItem[]; more: boolean }>(core, 'trash.list', {});
    expect(listed.items.map((i) => [i.entity, i.name, i.detail, i.deletedBy])).toEqual([
      ['site', 'Old Depot', 'Mill Lane', 'Alex'],
      ['job', 'Boiler', 'Old Depot', 'Alex'],
    ]);
    expect((await invoke<{ items: TrashItem[] }>(core, 'trash.list', { search: 'boil' })).items.map((i) => i.id)).toEqual([job.id]);
    expect(await invoke<{ more: boolean }>(core, 'trash.list', { limit: 1 })).toMatchObject({ more: true });

    await invoke(core, 'trash.restore', { entity: 'site', id: site.id });
    await invoke(core, 'trash.restore', { entity: 'job', id: job.id });
    expect((await invoke<JobPage>(core, 'jobs.list', {})).items.map((j) => j.title)).toEqual(['Boiler']);
    expect((await invoke<SitePage>(core, 'sites.list', {})).items.map((s) => s.name)).toEqual(['Old Depot']);
    expect((await invoke<{ items: TrashItem[] }>(core, 'trash.list', {})).items).toEqual([]);
    const kinds = await core.replica.db.all<{ kind: string }>('SELECT kind FROM changes WHERE entity_id = ? ORDER BY hlc', [job.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses to restore what is not deleted or does not exist, changing nothing', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Live' });
    expect(await core.dispatch('trash.restore', { entity: 'job', id: job.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.dispatch('trash.restore', { entity: 'site', id: job.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.dispatch('trash.restore', { entity: 'note', id: job.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const changes = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
    expect(Number(changes?.n)).toBe(1);
  });
});

describe('preferences', () => {
  it('keeps the job list’s view state in a local file across a restart, outside the replica', async () => {
    const dataDir = tempDir('fieldbook-prefs-');
    let core = await startTestCore({ dataDir });
    expect(await invoke<Preferences>(core, 'preferences.get')).toEqual({ jobList: null });
    expect(await invoke<Preferences>(core, 'preferences.set', PREFS)).toEqual(PREFS);
    const tables = await core.replica.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%pref%'");
    expect(tables).toEqual([]);
    const workspaceDir = core.settings.workspaceDir(core.settings.current.currentWorkspaceId);
    await closeCore(core);
    core = await startTestCore({ dataDir });
    expect(await invoke<Preferences>(core, 'preferences.get')).toEqual(PREFS);
    const file = path.join(workspaceDir, 'preferences.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(PREFS);
    expect(fs.readdirSync(workspaceDir).filter((f) => f.includes('.tmp-'))).toEqual([]);

    // A damaged file is view state only: defaults, and the next save replaces it.
    fs.writeFileSync(file, '{"jobList": {"sort": 42');
    expect(await invoke<Preferences>(core, 'preferences.get')).toEqual({ jobList: null });
    await invoke(core, 'preferences.set', PREFS);
    expect(await invoke<Preferences>(core, 'preferences.get')).toEqual(PREFS);
  });

  it('refuses bad view state, naming the field, and keeps what was saved', async () => {
    const core = await startTestCore();
    await invoke(core, 'preferences.set', PREFS);
    const bad = await core.dispatch('preferences.set', { jobList: { ...PREFS.jobList, sort: 'random' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/sort/);
    expect(await core.dispatch('preferences.set', { jobList: { ...PREFS.jobList, siteId: '../../etc' } })).toMatchObject({ ok: false });
    expect(await core.dispatch('preferences.set', { jobList: PREFS.jobList, extra: 1 })).toMatchObject({ ok: false });
    expect(await invoke<Preferences>(core, 'preferences.get')).toEqual(PREFS);
  });
});
