import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Site } from '../../../../../shared/domain/sites.js';
import { recordEdit } from '../../../../../electron/core/changes/change-log.js';
import { jobEntity } from '../../../../../electron/core/features/jobs/job-entity.js';
import { uuidv7 } from '../../../../../shared/ids.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';

const total = async (core: Awaited<ReturnType<typeof startTestCore>>, input: unknown = {}) =>
  (await invoke<{ total: number }>(core, 'jobs.count', input)).total;

describe('jobs.count', () => {
  it('counts every live job matching the filters, not just a page', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const site = await invoke<Site>(core, 'sites.create', { name: 'Harbour View', address: 'Quay' });
    await core.replica.db.transaction(async (tx) => {
      for (let i = 0; i < 1234; i++) {
        await recordEdit(tx, core.edits, jobEntity, {
          entityId: uuidv7(),
          kind: 'create',
          values: { title: `Meter ${i}`, description: '', siteId: i % 2 ? site.id : null, priority: 'normal', status: i % 4 === 0 ? 'done' : 'open', assignee: null, assigneeId: null, dueDate: null },
        });
      }
    });
    core.events.emit('data.changed', { entities: ['job'] });
    expect(await total(core)).toBe(1234);
    expect(await total(core, { status: ['done'] })).toBe(309);
    expect(await total(core, { siteId: site.id })).toBe(617);
    expect(await total(core, { search: 'harbour' })).toBe(617);
    // The list's search rules (every word, anywhere, in any order): "Meter 312" has both words.
    const with12 = Array.from({ length: 1234 }, (_, i) => String(i)).filter((n) => n.includes('12')).length;
    expect(await total(core, { search: 'Meter 12' })).toBe(with12);
    expect(await total(core, { search: '12 METER' })).toBe(with12);
    expect(await total(core, { search: 'Meter 12', status: ['done'] })).toBe(
      Array.from({ length: 1234 }, (_, i) => i).filter((i) => i % 4 === 0 && String(i).includes('12')).length,
    );
    expect(await total(core, { limit: 5, sort: 'title', cursor: null })).toBe(1234);
    expect(await total(core, { assignedToMe: true })).toBe(0);
  });

  it('is not stale after a local write, a delete or a restore', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Alex' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'One' });
    expect(await total(core)).toBe(1);
    await invoke(core, 'jobs.create', { title: 'Two' });
    expect(await total(core)).toBe(2);
    await invoke(core, 'jobs.delete', { id: job.id });
    expect(await total(core)).toBe(1);
    await invoke(core, 'trash.restore', { entity: 'job', id: job.id });
    expect(await total(core)).toBe(2);
  });

  it('is refreshed when rows change behind the change log (a pull says data.changed)', async () => {
    const core = await startTestCore();
    await invoke(core, 'jobs.create', { title: 'One' });
    expect(await total(core)).toBe(1);
    // What a pull does: rows written without a local handler, then the event.
    await core.replica.db.transaction((tx) =>
      recordEdit(tx, core.edits, jobEntity, { entityId: uuidv7(), kind: 'create', values: { title: 'Pulled', description: '', priority: 'normal', status: 'open' } }),
    );
    core.events.emit('data.changed', { entities: ['job'] });
    expect(await total(core)).toBe(2);
  });
});
