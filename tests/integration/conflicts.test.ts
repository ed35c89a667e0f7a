/**
 * Per-field conflict resolution by hybrid logical clock against a real primary:
 * the later edit (in real time, whatever the laptops' clocks say) wins
 * whichever laptop pushes last, different fields both survive, delete versus
 * edit follows the documented rule, and no overwritten value leaves the history.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { primarySql } from '../../electron/core/primary/local-primary.js';
import type { HistoryEntry } from '../../shared/domain/history.js';
import type { Job } from '../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { edit, jobRow } from '../helpers/edits.js';
import { startPrimary } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Two laptops with a shared job, both loops stopped so the test decides who syncs when. */
async function twoLaptops(options: { skewA?: number; skewB?: number } = {}) {
  const dir = tempDir('fieldbook-primary-');
  let primary = await startPrimary(dir);
  const a = await startTestCore({ primaryUrl: primary.url, clockNow: () => Date.now() + (options.skewA ?? 0) });
  const b = await startTestCore({ primaryUrl: primary.url, clockNow: () => Date.now() + (options.skewB ?? 0) });
  await a.sync.stop();
  await b.sync.stop();
  // The first cycles measure each laptop's clock offset from the primary, so the edits below carry team time.
  await a.sync.syncNow();
  await b.sync.syncNow();
  const job = await invoke<Job>(a, 'jobs.create', { title: 'Inspect boiler', description: 'Basement' });
  await a.sync.syncNow();
  await b.sync.syncNow();
  expect((await jobRow(b, job.id))?.title).toBe('Inspect boiler');
  const port = primary.port;
  return {
    a,
    b,
    job,
    get url() {
      return primary.url;
    },
    /** The network goes away: edits after this are made offline. */
    async goOffline() {
      await primary.stop('SIGKILL');
    },
    async comeBack() {
      primary = await startPrimary(dir, port);
    },
  };
}

/** Far beyond the offset measurement's error on loopback (clock-skew.test.ts asserts it), so the next edit is later in real time. */
const laterInRealTime = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function syncAll(...cores: Core[]) {
  // Two rounds: the second carries the fixes reconcile wrote in the first.
  for (let round = 0; round < 2; round++) for (const core of cores) expect((await core.sync.syncNow()).state).toBe('up_to_date');
}

async function primaryJob(url: string, id: string) {
  const rows = await primarySql(url, 'SELECT title, description, status, deleted_at FROM jobs WHERE id = ?', [id]);
  return rows[0];
}

describe('conflicts resolved by edit time, per field', () => {
  for (const firstToPush of ['later laptop', 'earlier laptop'] as const) {
    it(`the later edit of the same field wins when the ${firstToPush} pushes first, and the loser stays in history`, async () => {
      // B's clock runs a minute ahead, yet A edits a second later in real time: A's edit is the later one.
      const { a, b, job, goOffline, comeBack, ...net } = await twoLaptops({ skewB: 60_000 });
      await goOffline();
      await edit(b, 'job', job.id, 'update', { title: 'Title from B (earlier)' });
      await laterInRealTime();
      await edit(a, 'job', job.id, 'update', { title: 'Title from A (later)' });
      await comeBack();
      const order = firstToPush === 'later laptop' ? [a, b] : [b, a];
      await syncAll(...order);

      for (const core of [a, b]) expect((await jobRow(core, job.id))?.title).toBe('Title from A (later)');
      expect((await primaryJob(net.url, job.id))?.[0]).toBe('Title from A (later)');

      for (const core of [a, b]) {
        const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
        const titles = history.flatMap((h) => h.fields.filter((f) => f.field === 'title').map((f) => [f.value, f.current]));
        expect(titles).toEqual([
          ['Title from A (later)', true],
          ['Title from B (earlier)', false],
          ['Inspect boiler', false],
        ]);
      }
    });
  }

  it('edits to different fields of one record both survive', async () => {
    const { a, b, job, goOffline, comeBack, ...net } = await twoLaptops();
    await goOffline();
    await edit(a, 'job', job.id, 'update', { title: 'Renamed on A' });
    await edit(b, 'job', job.id, 'update', { status: 'done', description: 'Fixed on B' });
    await comeBack();
    await syncAll(b, a);
    for (const core of [a, b]) {
      expect(await jobRow(core, job.id)).toMatchObject({ title: 'Renamed on A', status: 'done', description: 'Fixed on B' });
    }
    expect(await primaryJob(net.url, job.id)).toEqual(['Renamed on A', 'Fixed on B', 'done', null]);
  });

  it('a replica that edited offline converges with one that edited online', async () => {
    const { a, b, job, goOffline, comeBack } = await twoLaptops();
    await goOffline();
    const created = await invoke<Job>(b, 'jobs.create', { title: 'Created offline on B' });
    await edit(a, 'job', job.id, 'update', { assignee: 'Ana' });
    await comeBack();
    await syncAll(a, b);
    for (const core of [a, b]) {
      expect((await jobRow(core, created.id))?.title).toBe('Created offline on B');
      expect((await jobRow(core, job.id))?.assignee).toBe('Ana');
    }
  });

  it('delete versus a concurrent edit: the later deletion wins, the edit is kept underneath and returns on restore', async () => {
    const { a, b, job, goOffline, comeBack } = await twoLaptops({ skewB: 60_000 });
    await goOffline();
    await edit(b, 'job', job.id, 'update', { title: 'Edited on B while A deleted' });
    await laterInRealTime();
    await edit(a, 'job', job.id, 'delete');
    await comeBack();
    await syncAll(a, b);
    for (const core of [a, b]) {
      const row = await jobRow(core, job.id);
      expect(row?.deleted_at).not.toBeNull();
      expect(row?.title).toBe('Edited on B while A deleted');
      const list = await invoke<{ items: Job[] }>(core, 'jobs.list', {});
      expect(list.items.map((j) => j.id)).not.toContain(job.id);
    }
    // Restoring brings the record back with B's concurrent edit in place.
    const history = await invoke<HistoryEntry[]>(b, 'history.list', { entity: 'job', entityId: job.id });
    const create = history.find((h) => h.kind === 'create')!;
    await invoke(b, 'history.restore', { changeId: create.changeId, field: 'deletedAt' });
    await syncAll(b, a);
    for (const core of [a, b]) {
      expect(await jobRow(core, job.id)).toMatchObject({ deleted_at: null, title: 'Edited on B while A deleted' });
    }
  });

  it('a restore later than a concurrent delete wins even when the delete is pushed last', async () => {
    const { a, b, job, goOffline, comeBack } = await twoLaptops({ skewA: 60_000 });
    await goOffline();
    await edit(a, 'job', job.id, 'delete');
    await laterInRealTime();
    await edit(b, 'job', job.id, 'restore');
    await comeBack();
    // A's stale delete reaches the primary last; it must still lose.
    await syncAll(b, a);
    // B's restore carries the later stamp, so the record is live on both.
    for (const core of [a, b]) expect((await jobRow(core, job.id))?.deleted_at).toBeNull();
  });

  it('history.restore sets an overwritten value back as a new edit that syncs', async () => {
    const { a, b, job } = await twoLaptops();
    await edit(a, 'job', job.id, 'update', { title: 'Second title' });
    await syncAll(a, b);
    const history = await invoke<HistoryEntry[]>(b, 'history.list', { entity: 'job', entityId: job.id });
    const original = history.find((h) => h.kind === 'create')!;
    expect(original.fields.find((f) => f.field === 'title')).toEqual({ field: 'title', value: 'Inspect boiler', current: false });
    const after = await invoke<HistoryEntry[]>(b, 'history.restore', { changeId: original.changeId, field: 'title' });
    expect(after[0]!.fields.find((f) => f.field === 'title')).toEqual({ field: 'title', value: 'Inspect boiler', current: true });
    await syncAll(b, a);
    expect((await jobRow(a, job.id))?.title).toBe('Inspect boiler');
  });

  it('history handlers reject bad input and unknown records with clear errors', async () => {
    const core = await startTestCore();
    const bad = await core.dispatch('history.list', { entity: 'job; DROP TABLE jobs', entityId: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await core.dispatch('history.restore', { changeId: '0190a0a0-0000-7000-8000-000000000000', field: 'title', x: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknownEntity = await core.dispatch('history.list', { entity: 'spaceship', entityId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(unknownEntity).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const missing = await core.dispatch('history.restore', { changeId: '0190a0a0-0000-7000-8000-000000000000', field: 'title' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'x' });
    const [created] = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
    const stamp = await core.dispatch('history.restore', { changeId: created!.changeId, field: 'createdAt' });
    expect(stamp).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
