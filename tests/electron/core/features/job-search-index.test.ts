/**
 * The in-memory job search index must give exactly what the LIKE path gives:
 * same items, same order, same cursors, and stay fresh through edits, deletes,
 * site renames, history restores, rollbacks and pulls.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/app-core.js';
import { recordEdit } from '../../../../electron/core/changes/change-log.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { INDEXED_SEARCH_MAX, listJobs, type JobQuery } from '../../../../electron/core/features/jobs/job-queries.js';
import { asciiLower } from '../../../../electron/core/features/jobs/job-search-index.js';
import { siteEntity } from '../../../../electron/core/features/sites/site-entity.js';
import type { HistoryEntry } from '../../../../shared/domain/history.js';
import {
  JOB_PRIORITIES,
  JOB_SORTS,
  JOB_STATUSES,
  SORT_DIRECTIONS,
  type Job,
  type JobPage,
} from '../../../../shared/domain/jobs.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { invoke, startTestCore } from '../../../helpers/core.js';
import { startPrimary } from '../../../helpers/primary.js';
import { seededRandom } from '../../../../scripts/seeded-random.js';

const ME_NAME = 'Alex Field';
const ME = { id: 'device-of-alex', name: ME_NAME };

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const subset = <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.4);
  return { next, int, pick, subset };
}
type Rng = ReturnType<typeof rng>;

// ASCII and non-ASCII case variants, LIKE wildcards and the escape character.
const WORDS = [
  'boiler', 'Boiler', 'PUMP', 'leak', 'roof', 'Élan', 'élan', 'straße', 'STRASSE', 'Ωmega', 'ωmega', 'İzmir',
  'ÅSA', 'åsa', 'ﬁx', 'fix', '50%', 'under_score', 'back\\slash', 'Café', 'naïve', 'emoji🔧', 'tab\there',
];
const PEOPLE = ['Alex Field', 'Sam Stone', 'Dana Roe', null];

function sentence(r: Rng, min: number, max: number): string {
  const n = min + r.int(max - min + 1);
  const words = Array.from({ length: n }, () => (r.next() < 0.15 ? `ref-${r.int(5000)}` : r.pick(WORDS)));
  return words.join(' ');
}

function randomCase(r: Rng, text: string): string {
  return [...text].map((c) => (r.next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

async function seed(core: Core, r: Rng, jobs: number, sites: number): Promise<string[]> {
  const siteIds: string[] = [];
  await core.replica.db.transaction(async (tx) => {
    for (let i = 0; i < sites; i++) {
      const id = uuidv7(core.edits.now().getTime());
      siteIds.push(id);
      await recordEdit(tx, core.edits, siteEntity, {
        entityId: id,
        kind: 'create',
        values: { name: `${r.pick(WORDS)} Site ${i}`, address: 'Somewhere', latitude: null, longitude: null, contact: '', notes: '' },
      });
    }
    for (let i = 0; i < jobs; i++) {
      await recordEdit(tx, core.edits, jobEntity, {
        entityId: uuidv7(core.edits.now().getTime()),
        kind: 'create',
        values: {
          title: sentence(r, 1, 4),
          description: sentence(r, 0, 6),
          priority: r.pick(JOB_PRIORITIES),
          status: r.pick(JOB_STATUSES),
          assignee: r.pick(PEOPLE),
          dueDate: r.next() < 0.3 ? null : `2026-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`,
          siteId: r.next() < 0.2 ? null : r.pick(siteIds),
        },
      });
    }
  });
  return siteIds;
}

async function sampleJobs(core: Core): Promise<Job[]> {
  return (await listJobs(core.replica.db, { limit: 500, sort: 'title' }, ME)).items;
}

function randomTerm(r: Rng, jobs: Job[]): string {
  const kind = r.int(7);
  if (kind === 0) return r.pick(WORDS);
  if (kind === 1) return r.pick(WORDS).toUpperCase();
  if (kind === 2) return `ref-${r.int(5000)}`;
  if (kind === 3) return r.pick(['%', '_', '\\', '  leak  ', 'ref-1_', '50\\%', 'e s', 'zzz-no-match']);
  const job = r.pick(jobs);
  const source = kind === 4 ? job.title : kind === 5 ? job.description : `${job.title} ${job.siteName ?? ''}`;
  const start = r.int(Math.max(1, source.length));
  const piece = source.slice(start, start + 1 + r.int(8));
  return r.next() < 0.5 ? randomCase(r, piece) : piece;
}

function randomQuery(r: Rng, jobs: Job[], siteIds: string[]): JobQuery {
  const query: JobQuery = { search: randomTerm(r, jobs), limit: 1 + r.int(40) };
  if (r.next() < 0.3) query.status = r.subset(JOB_STATUSES);
  if (r.next() < 0.3) query.priority = r.subset(JOB_PRIORITIES);
  if (r.next() < 0.15) query.assignee = r.pick(PEOPLE);
  if (r.next() < 0.1) query.assignedToMe = true;
  if (r.next() < 0.15) query.siteId = r.pick(siteIds);
  if (r.next() < 0.15) query.dueFrom = '2026-04-01';
  if (r.next() < 0.15) query.dueTo = '2026-09-30';
  if (r.next() < 0.7) query.sort = r.pick(JOB_SORTS);
  if (r.next() < 0.5) query.direction = r.pick(SORT_DIRECTIONS);
  return query;
}

/** Pages through with cursors on both paths; returns whether the index answered (few matches). */
async function expectSameAsLike(core: Core, query: JobQuery, maxPages = 6): Promise<boolean> {
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const input: JobQuery = { ...query, cursor };
    const viaIndex = await invoke<JobPage>(core, 'jobs.list', input);
    const viaLike = await listJobs(core.replica.db, input, ME);
    expect(viaIndex, JSON.stringify(input)).toEqual(viaLike);
    cursor = viaIndex.nextCursor;
    if (!cursor) break;
  }
  return (await core.searchIndex.match(query.search!.trim(), INDEXED_SEARCH_MAX)) !== null;
}

describe('job search index', () => {
  it('folds ASCII case only, like LIKE', () => {
    expect(asciiLower('ÉLAN Boiler ΩMEGA')).toBe('Élan boiler Ωmega');
  });

  it('is built on the first search only, not at start-up', async () => {
    const core = await startTestCore();
    await invoke(core, 'jobs.create', { title: 'Boiler' });
    expect(core.searchIndex.builds).toBe(0);
    await invoke(core, 'jobs.list', {});
    expect(core.searchIndex.builds).toBe(0);
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'boil' })).items).toHaveLength(1);
    await invoke(core, 'jobs.create', { title: 'Second boiler' });
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'boil' })).items).toHaveLength(2);
    expect(core.searchIndex.builds).toBe(1);
  });

  it('gives the LIKE path results for random terms, filters, sorts and cursors, through edits', async () => {
    const r = rng(20261124);
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: ME_NAME });
    const siteIds = await seed(core, r, 3000, 25);
    let indexed = 0;
    let queries = 0;
    for (let round = 0; round < 6; round++) {
      const jobs = await sampleJobs(core);
      for (let i = 0; i < 25; i++) {
        if (await expectSameAsLike(core, randomQuery(r, jobs, siteIds))) indexed++;
        queries++;
      }
      // Edits between rounds: the index must follow every write path.
      for (let i = 0; i < 15; i++) {
        const job = r.pick(jobs);
        const what = r.int(7);
        if (what === 0) await invoke(core, 'jobs.update', { id: job.id, title: `${sentence(r, 1, 3)} edited-${round}-${i}` });
        else if (what === 1) await invoke(core, 'jobs.update', { id: job.id, description: `moved ref-${r.int(5000)}`, siteId: r.pick(siteIds) });
        else if (what === 2) await invoke(core, 'jobs.delete', { id: job.id }).catch(() => undefined);
        else if (what === 3) await invoke(core, 'jobs.setStatus', { id: job.id, status: r.pick(JOB_STATUSES) });
        else if (what === 4) await invoke(core, 'jobs.create', { title: `new ${sentence(r, 1, 3)}`, siteId: r.pick(siteIds) });
        else if (what === 5) await invoke(core, 'sites.update', { id: r.pick(siteIds), name: `renamed ${r.pick(WORDS)} ${round}-${i}` });
        else {
          const history = await invoke<HistoryEntry[]>(core, 'history.list', { entity: 'job', entityId: job.id });
          const create = history.find((h) => h.kind === 'create');
          if (create) await invoke(core, 'history.restore', { changeId: create.changeId, field: 'title' });
        }
      }
      // Terms from the edits themselves.
      for (const search of [`edited-${round}`, 'renamed', 'moved', 'new ']) {
        await expectSameAsLike(core, { search, limit: 7 });
      }
    }
    expect(core.searchIndex.builds).toBe(1);
    // Both paths were exercised: most random terms are selective, some are common.
    expect(indexed).toBeGreaterThan(queries / 2);
    expect(indexed).toBeLessThan(queries);
  });

  it('a rolled-back edit leaves no trace in the index', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    await invoke(core, 'jobs.list', { search: 'boiler' });
    await expect(
      core.replica.db.transaction(async (tx) => {
        await recordEdit(tx, core.edits, jobEntity, { entityId: job.id, kind: 'update', values: { title: 'Pump' } });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'pump' })).items).toEqual([]);
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'boiler' })).items.map((j) => j.id)).toEqual([job.id]);
  });

  it('a search during an edit transaction waits for it and then sees the edit', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    await invoke(core, 'jobs.list', { search: 'boiler' });
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    const editing = core.replica.db.transaction(async (tx) => {
      await recordEdit(tx, core.edits, jobEntity, { entityId: job.id, kind: 'update', values: { title: 'Pump' } });
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const searching = invoke<JobPage>(core, 'jobs.list', { search: 'pump' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    commit();
    await editing;
    expect((await searching).items.map((j) => j.id)).toEqual([job.id]);
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'boiler' })).items).toEqual([]);
  });

  it('many edits between two searches are all picked up', async () => {
    const r = rng(7);
    const core = await startTestCore();
    const siteIds = await seed(core, r, 1500, 40);
    await invoke(core, 'jobs.list', { search: 'x' });
    const jobs = (await listJobs(core.replica.db, { limit: 500 }, null)).items.concat(
      (await listJobs(core.replica.db, { limit: 500, sort: 'title' }, null)).items,
    );
    await core.replica.db.transaction(async (tx) => {
      for (const [i, job] of jobs.entries()) {
        await recordEdit(tx, core.edits, jobEntity, { entityId: job.id, kind: 'update', values: { title: `bulk ${i}` } });
      }
      for (const id of siteIds.slice(0, 20)) {
        await recordEdit(tx, core.edits, siteEntity, { entityId: id, kind: 'update', values: { name: `bulk site ${id}` } });
      }
    });
    for (const search of ['bulk', 'bulk 1', 'bulk site', 'boiler', 'élan']) {
      for (const sort of JOB_SORTS) await expectSameAsLike(core, { search, sort, limit: 50 }, 3);
    }
  });

  it('rows changed behind the change log are seen once the index is marked stale', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Boiler' });
    await invoke(core, 'jobs.list', { search: 'boiler' });
    await core.replica.db.run("UPDATE jobs SET title = 'Pump' WHERE id = ?", [job.id]);
    core.searchIndex.markStale();
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'pump' })).items.map((j) => j.id)).toEqual([job.id]);
    expect((await invoke<JobPage>(core, 'jobs.list', { search: 'boiler' })).items).toEqual([]);
    expect(core.searchIndex.builds).toBe(2);
  });

  it('jobs and site renames pulled from another laptop are found', async () => {
    const primary = await startPrimary();
    const a = await startTestCore({ primaryUrl: primary.url });
    const b = await startTestCore({ primaryUrl: primary.url });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    const site = await invoke<{ id: string }>(a, 'sites.create', { name: 'Depot', address: 'Mill Lane' });
    const job = await invoke<Job>(a, 'jobs.create', { title: 'Boiler', siteId: site.id });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    expect((await invoke<JobPage>(b, 'jobs.list', { search: 'depot' })).items.map((j) => j.id)).toEqual([job.id]);

    await invoke(a, 'sites.update', { id: site.id, name: 'Harbour' });
    await invoke(a, 'jobs.create', { title: 'Pump at the harbour' });
    await invoke(a, 'sync.now');
    await invoke(b, 'sync.now');
    expect((await invoke<JobPage>(b, 'jobs.list', { search: 'depot' })).items).toEqual([]);
    const found = await invoke<JobPage>(b, 'jobs.list', { search: 'HARBOUR', sort: 'title' });
    expect(found.items.map((j) => j.title)).toEqual(['Boiler', 'Pump at the harbour']);
  });
});
