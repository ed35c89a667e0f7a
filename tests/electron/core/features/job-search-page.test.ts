/**
 * The index's sort orders must agree with SQLite's BINARY collation (UTF-8 byte
 * order), which JS's UTF-16 `<` gets wrong where a surrogate pair meets
 * U+E000–U+FFFF, and must stay in order when jobs change.
 */
import { describe, expect, it } from 'vitest';
import { countMatches, countMatchesInSlices, sortableText, SortedJobs, type IndexedJob } from '../../../../electron/core/features/jobs/job-search-page.js';
import { sortInSlices, TimeSlice } from '../../../../electron/core/features/jobs/time-slice.js';
import { seededRandom } from '../../../../scripts/seeded-random.js';

const UNITS = ['a', 'Z', 'é', '\uE000', '\uFFFD', '🔧', '𝄞', ' '];

function randomText(next: () => number): string {
  return Array.from({ length: 1 + Math.floor(next() * 4) }, () => UNITS[Math.floor(next() * UNITS.length)]).join('');
}

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Raw titles by id: a cursor carries the raw sort key SQL returned. */
const titles = new Map<string, string>();

function job(id: string, title: string): IndexedJob {
  titles.set(id, title);
  return {
    id,
    haystack: title.toLowerCase(),
    status: 'open',
    priority: 'normal',
    assignee: null,
    assigneeId: null,
    siteId: null,
    dueDate: null,
    idKey: sortableText(id),
    createdKey: id,
    updatedKey: id,
    titleKey: sortableText(title),
    dueKey: '9999-12-31',
    priorityRank: 2,
  };
}

describe('search page order', () => {
  it('sortableText orders text as UTF-8 bytes do', () => {
    const next = seededRandom(5);
    const texts = Array.from({ length: 400 }, () => randomText(next));
    const byBytes = [...texts].sort(utf8Order);
    const byKey = [...texts].sort((a, b) => (sortableText(a) < sortableText(b) ? -1 : sortableText(a) > sortableText(b) ? 1 : 0));
    expect(byKey).toEqual(byBytes);
    // Not vacuous: plain JS order differs on this data.
    expect([...texts].sort()).not.toEqual(byBytes);
  });

  it('stays in order through adds, removes and changes, and pages both ways from a cursor', () => {
    const next = seededRandom(9);
    const live = new Map<string, IndexedJob>();
    for (let i = 0; i < 300; i++) live.set(`id-${String(i).padStart(4, '0')}`, job(`id-${String(i).padStart(4, '0')}`, randomText(next)));
    const order = new SortedJobs('title', live.values());
    for (let i = 0; i < 500; i++) {
      const id = `id-${String(Math.floor(next() * 400)).padStart(4, '0')}`;
      const before = live.get(id);
      const after = next() < 0.2 ? undefined : job(id, next() < 0.3 && before ? titles.get(id)! : randomText(next));
      if (after) live.set(id, after);
      else live.delete(id);
      expect(order.replace(before, after)).toBe(true);
    }
    const expected = [...live.values()]
      .sort((a, b) => (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : a.id < b.id ? -1 : 1))
      .map((j) => j.id);
    const all = { words: [], sort: 'title' as const, take: 10_000 };
    expect(order.page({ ...all, direction: 'asc' })).toEqual(expected);
    expect(order.page({ ...all, direction: 'desc' })).toEqual([...expected].reverse());
    const after = { key: titles.get(expected[100]!)!, id: expected[100]! };
    expect(order.page({ ...all, direction: 'asc', after, take: 5 })).toEqual(expected.slice(101, 106));
    expect(order.page({ ...all, direction: 'desc', after, take: 5 })).toEqual(expected.slice(95, 100).reverse());
  });

  it('sorting and paging in slices give what the one-go sort and page give', async () => {
    const next = seededRandom(21);
    const jobs = Array.from({ length: 5_000 }, (_, i) => job(`id-${String(i).padStart(5, '0')}`, randomText(next)));
    // A zero budget yields at every look at the clock: the most interleaved run.
    const slice = new TimeSlice(0);
    const sliced = await SortedJobs.inSlices('title', jobs, slice);
    const oneGo = new SortedJobs('title', jobs);
    const all = { words: [], sort: 'title' as const, take: 10_000 };
    for (const direction of ['asc', 'desc'] as const) {
      expect(await sliced.pageInSlices({ ...all, direction }, slice)).toEqual(oneGo.page({ ...all, direction }));
      const after = { key: jobs[1_234]!.titleKey, id: jobs[1_234]!.id };
      const rare = { words: ['𝄞'], sort: 'title' as const, direction, after, take: 40 };
      const page = await sliced.pageInSlices(rare, slice);
      expect(page).toEqual(oneGo.page(rare));
      expect(page.length).toBeGreaterThan(0);
    }
    const query = { words: ['é'] };
    expect(await countMatchesInSlices(jobs, query, slice)).toBe(countMatches(jobs, query));
    // Stable, as Array.prototype.sort is: equal keys keep their input order.
    const pairs = Array.from({ length: 3_000 }, (_, i) => ({ key: Math.floor(next() * 20), i }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    expect(await sortInSlices(pairs, byKey, slice)).toEqual([...pairs].sort(byKey));
  });
});

