/**
 * The in-memory job search index must give exactly what the search rules say:
 * every word of the term, case folded in any script (NFC, accents kept), in
 * title, description or site name. The reference below is written apart from
 * the app's code: it folds code point by code point and matches field by field
 * over every row the SQL list (filters, order) returns, and pages in JS. It
 * must stay so through edits, deletes, site renames, history restores,
 * rollbacks and pulls.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../electron/core/app-core.js';
import { recordEdit } from '../../../../electron/core/changes/change-log.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { listJobs, type JobQuery } from '../../../../electron/core/features/jobs/job-queries.js';
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

// ASCII and non-ASCII case variants (composed and decomposed), LIKE wildcards and the escape character.
const WORDS = [
  'boiler', 'Boiler', 'PUMP', 'leak', 'roof', 'Élan', 'élan', 'straße', 'STRASSE', 'Ωmega', 'ωmega', 'İzmir',
  'ÅSA', 'åsa', 'ﬁx', 'fix', '50%', 'under_score', 'back\\slash', 'Café', 'naïve', 'emoji🔧', 'tab\there',
  'Zähler', 'ZA\u0308HLER', 'Ørsted', 'ØRSTED', 'vibration', 'check', 'ΟΔΟΣ', 'οδός', 'Cafe', 'ı', '\u{1F527}x', '\uFFFDz',
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

/** Pieces of job text, randomly re-cased and sometimes decomposed. */
function piece(r: Rng, jobs: Job[]): string {
  const job = r.pick(jobs);
  const kind = r.int(3);
  const source = kind === 0 ? job.title : kind === 1 ? job.description : `${job.title} ${job.siteName ?? ''}`;
  const start = r.int(Math.max(1, source.length));
  const text = source.slice(start, start + 1 + r.int(8));
  const cased = r.next() < 0.5 ? randomCase(r, text) : text;
  return r.next() < 0.2 ? cased.normalize('NFD') : cased;
}

function randomTerm(r: Rng, jobs: Job[]): string {
  const kind = r.int(8);
  if (kind === 0) return r.pick(WORDS);
  if (kind === 1) return r.pick(WORDS).toUpperCase();
  if (kind === 2) return `ref-${r.int(5000)}`;
  if (kind === 3) return r.pick(['%', '_', '\\', '  leak  ', 'ref-1_', '50\\%', 'e s', 'zzz-no-match', 'ZÄHLER', 'ørsted', 'vibration check pump', ' \t ']);
  if (kind === 4) {
    // Several words in any order with extra spaces, from one job (found) or two (often not).
    const words = Array.from({ length: 2 + r.int(2) }, () => piece(r, jobs).trim()).filter((w) => w.length > 0);
    return words.join(' '.repeat(1 + r.int(3)));
  }
  if (kind === 5) return `${r.pick(WORDS)}  ${r.pick(WORDS).toUpperCase()}`;
  return piece(r, jobs);
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

/** The rules, apart from the app's code: each code point folded alone, NFC, accents kept. */
function referenceFold(text: string): string {
  return [...text].map((c) => c.toLowerCase().toUpperCase().toLowerCase()).join('').normalize('NFC');
}

function referenceWords(term: string): string[] {
  return [...term]
    .map((c) => (/[\s\p{Cc}]/u.test(c) ? ' ' : c))
    .join('')
    .split(' ')
    .filter((w) => w.length > 0)
    .map(referenceFold);
}

function referenceMatches(job: Job, words: string[]): boolean {
  const fields = [job.title, job.description, job.siteName ?? ''].map(referenceFold);
  return words.every((word) => fields.some((field) => field.includes(word)));
}

/**
 * Every live job in the query's order (from SQL, without filters, cached per
 * order until `cache.clear()` after edits), kept by the filters and the rules.
 */
async function referenceList(core: Core, query: JobQuery, cache: Map<string, Job[]>): Promise<Job[]> {
  const order = `${query.sort ?? ''}:${query.direction ?? ''}`;
  let all = cache.get(order);
  if (!all) {
    all = (await listJobs(core.replica.db, { sort: query.sort, direction: query.direction, limit: 1_000_000 }, ME)).items;
    cache.set(order, all);
  }
  const words = referenceWords(query.search ?? '');
  return all.filter(
    (job) =>
      (!query.status?.length || query.status.includes(job.status)) &&
      (!query.priority?.length || query.priority.includes(job.priority)) &&
      (query.assignee === undefined || job.assignee === query.assignee) &&
      (!query.assignedToMe || job.assigneeId === ME.id || (job.assigneeId === null && job.assignee === ME.name)) &&
      (!query.siteId || job.siteId === query.siteId) &&
      (!query.dueFrom || (job.dueDate !== null && job.dueDate >= query.dueFrom)) &&
      (!query.dueTo || (job.dueDate !== null && job.dueDate <= query.dueTo)) &&
      (words.length === 0 || referenceMatches(job, words)),
  );
}

/** Pages through jobs.list with its cursors; returns how many jobs the reference finds. */
async function expectSameAsReference(core: Core, query: JobQuery, maxPages = 6, cache = new Map<string, Job[]>()): Promise<number> {
  const expected = await referenceList(core, query, cache);
  const limit = query.limit ?? 50;
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const input: JobQuery = { ...query, cursor };
    const got = await invoke<JobPage>(core, 'jobs.list', input);
    const label = JSON.stringify(input);
    expect(got.items, label).toEqual(expected.slice(page * limit, (page + 1) * limit));
    expect(got.nextCursor !== null, label).toBe(expected.length > (page + 1) * limit);
    cursor = got.nextCursor;
    if (!cursor) break;
  }
  // jobs.count follows the list's matching rules: the same jobs, counted.
  const { cursor: _, limit: __, sort: ___, direction: ____, ...filters } = query;
  expect((await invoke<{ total: number }>(core, 'jobs.count', filters)).total, `count ${JSON.stringify(filters)}`).toBe(expected.length);
  return expected.length;
}

describe('job search index', () => {
  it('folds case in every script, matches every word in any order, and keeps accents', async () => {
    const core = await startTestCore();
    const site = await invoke<{ id: string }>(core, 'sites.create', { name: 'Ørsted Vej 4', address: 'Aarhus' });
    const zahler = await invoke<Job>(core, 'jobs.create', { title: 'Zähler tauschen' });
    const pump = await invoke<Job>(core, 'jobs.create', { title: 'Pump vibration', description: 'Check the bearings', siteId: site.id });
    const cafe = await invoke<Job>(core, 'jobs.create', { title: 'Café roof', description: 'Straße 5' });
    const ids = async (search: string) => (await invoke<JobPage>(core, 'jobs.list', { search })).items.map((j) => j.id);
    expect(await ids('ZÄHLER')).toEqual([zahler.id]);
    // Counted by the same rules: Turso's LIKE would miss the folded 'Ä'.
    expect((await invoke<{ total: number }>(core, 'jobs.count', { search: 'ZÄHLER' })).total).toBe(1);
    expect((await invoke<{ total: number }>(core, 'jobs.count', { search: 'pump ørsted' })).total).toBe(1);
    expect(await ids('za\u0308hler')).toEqual([zahler.id]);
    expect(await ids('ørsted')).toEqual([pump.id]);
    expect(await ids('vibration check pump')).toEqual([pump.id]);
    expect(await ids('   PUMP    vibration  ')).toEqual([pump.id]);
    expect(await ids('pump ørsted bearings')).toEqual([pump.id]);
    expect(await ids('STRASSE café')).toEqual([cafe.id]);
    expect(await ids('pump zähler')).toEqual([]);
    // Accents are letters of their own: folding case, not accents.
    expect(await ids('cafe')).toEqual([]);
    expect(await ids('orsted')).toEqual([]);
    // Only spaces is no search at all.
    expect(await ids('   ')).toHaveLength(3);
  });

  it('a word never spans two fields or two jobs side by side in an order, through edits and deletes', async () => {
    const core = await startTestCore();
    // Created one after the other: neighbours in the newest-first order's joined text.
    const valve = await invoke<Job>(core, 'jobs.create', { title: 'Valve pu', description: 'mp check' });
    const seal = await invoke<Job>(core, 'jobs.create', { title: 'mp seal' });
    const ids = async (search: string, sort?: 'title') => (await invoke<JobPage>(core, 'jobs.list', { search, sort })).items.map((j) => j.id);
    expect(await ids('pump')).toEqual([]);
    expect(await ids('pu mp')).toEqual([valve.id]);
    expect(await ids('mp')).toEqual([seal.id, valve.id]);
    await invoke(core, 'jobs.update', { id: seal.id, title: 'Pump seal' });
    expect(await ids('pump')).toEqual([seal.id]);
    expect(await ids('PUMP', 'title')).toEqual([seal.id]);
    await invoke(core, 'jobs.update', { id: valve.id, title: '🔧Ωmega pu' });
    expect(await ids('🔧ω')).toEqual([valve.id]);
    expect(await ids('ΩMEGA   PU', 'title')).toEqual([valve.id]);
    await invoke(core, 'jobs.delete', { id: seal.id });
    expect(await ids('pump')).toEqual([]);
    expect(await ids('mp')).toEqual([valve.id]);
    expect((await invoke<{ total: number }>(core, 'jobs.count', { search: 'ωmega' })).total).toBe(1);
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

  it('gives the reference results for random terms, filters, sorts and cursors, through edits', async () => {
    const r = rng(20261124);
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: ME_NAME });
    const siteIds = await seed(core, r, 3000, 25);
    const found: number[] = [];
    for (let round = 0; round < 6; round++) {
      const jobs = await sampleJobs(core);
      const cache = new Map<string, Job[]>();
      for (let i = 0; i < 25; i++) found.push(await expectSameAsReference(core, randomQuery(r, jobs, siteIds), 6, cache));
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
      cache.clear();
      for (const search of [`edited-${round}`, 'renamed', 'moved', 'new ']) {
        await expectSameAsReference(core, { search, limit: 7 }, 6, cache);
      }
    }
    expect(core.searchIndex.builds).toBe(1);
    // Not vacuous: some terms find nothing, many find a few, some find thousands.
    expect(found.filter((n) => n === 0).length).toBeGreaterThan(5);
    expect(found.filter((n) => n > 0 && n < 100).length).toBeGreaterThan(30);
    expect(found.filter((n) => n > 2000).length).toBeGreaterThan(0);
  }, 240_000);

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
    const cache = new Map<string, Job[]>();
    for (const search of ['bulk', 'bulk 1', 'bulk site', 'boiler', 'élan', 'BULK ÉLAN', 'site  bulk']) {
      for (const sort of JOB_SORTS) await expectSameAsReference(core, { search, sort, limit: 50 }, 3, cache);
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
