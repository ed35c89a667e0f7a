/**
 * The index's sort orders must agree with SQLite's BINARY collation (UTF-8 byte
 * order), which JS's UTF-16 `<` gets wrong where a surrogate pair meets
 * U+E000–U+FFFF, and must stay in order when jobs change.
 */
import { describe, expect, it } from 'vitest';
import { countMatches, countMatchesInSlices, sortableText, SortedJobs, type IndexedJob } from '../../../../electron/core/features/jobs/job-search-page.js';
import { sortInSlices, TimeSlice } from '../../../../electron/core/features/jobs/time-slice.js';
import { foldForSearch, searchHaystack, searchWords } from '../../../../electron/core/features/search-text.js';
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
});

/** Text of letters that meet across field and job edges, non-Latin-1 and non-BMP ones among them. */
const LETTERS = ['a', 'b', 'ab', 'Ω', 'ω', 'ß', '🔧', '𝄞', 'é', 'e\u0301', ' '];

function letters(next: () => number, max: number): string {
  return Array.from({ length: Math.floor(next() * (max + 1)) }, () => LETTERS[Math.floor(next() * LETTERS.length)]).join('');
}

function fieldsJob(id: string, fields: [string, string, string | null], status: string): IndexedJob {
  return { ...job(id, fields[0]), haystack: searchHaystack(fields), status };
}

/** Apart from the chunks: every word in some one field of the job (each field folded alone). */
function referenceHas(fields: readonly (string | null)[], words: readonly string[]): boolean {
  const folded = fields.map((field) => foldForSearch(field ?? ''));
  return words.every((word) => folded.some((field) => field.includes(word)));
}

describe('search page chunks', () => {
  it('finds what a field-by-field scan finds, never across a field or job edge, whether joined or not, through edits', () => {
    const next = seededRandom(31);
    const fields = new Map<string, [string, string, string | null]>();
    const live = new Map<string, IndexedJob>();
    const make = (id: string) => {
      const f: [string, string, string | null] = [letters(next, 4), letters(next, 3), next() < 0.3 ? null : letters(next, 2)];
      fields.set(id, f);
      return fieldsJob(id, f, next() < 0.5 ? 'open' : 'done');
    };
    for (let i = 0; i < 200; i++) {
      const id = `id-${String(i).padStart(4, '0')}`;
      live.set(id, make(id));
    }
    // Chunks of 3: edges everywhere, splits and emptied chunks after a few edits.
    const order = new SortedJobs('title', live.values(), 3);
    const terms = ['ab', 'ba', 'bb', 'ωω', 'ss', 'ß', '🔧', '\uDD27', '𝄞a', 'é', 'aé', 'ab ω', 'ω ab 🔧', 'a', 'zz'];
    const check = (label: string) => {
      const sorted = [...live.values()].sort((a, b) => (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : a.id < b.id ? -1 : 1));
      for (const term of terms) {
        const words = searchWords(term);
        for (const status of [undefined, ['open']]) {
          const expected = sorted.filter((j) => referenceHas(fields.get(j.id)!, words) && (!status || status.includes(j.status))).map((j) => j.id);
          const query = { words, status, sort: 'title' as const, take: 10_000 };
          const what = `${label} ${term} ${status ?? ''}`;
          expect(order.page({ ...query, direction: 'asc' }), what).toEqual(expected);
          expect(order.page({ ...query, direction: 'desc' }), what).toEqual([...expected].reverse());
          expect(order.count(query), what).toBe(expected.length);
          if (expected.length > 8) {
            // Paged from a cursor in both directions, a few at a time.
            const at = Math.floor(expected.length / 2);
            const after = { key: titles.get(expected[at]!)!, id: expected[at]! };
            expect(order.page({ ...query, direction: 'asc', after, take: 3 }), what).toEqual(expected.slice(at + 1, at + 4));
            expect(order.page({ ...query, direction: 'desc', after, take: 3 }), what).toEqual(expected.slice(at - 3, at).reverse());
          }
        }
      }
    };
    // Not joined (a page joins a few chunks, scans the rest job by job), fully joined, released.
    check('fresh');
    while (order.joinSome(5));
    expect(order.hasUnjoined).toBe(false);
    check('joined');
    order.release();
    expect(order.hasUnjoined).toBe(true);
    check('released');
    while (order.joinSome(50));
    for (let i = 0; i < 300; i++) {
      const id = `id-${String(Math.floor(next() * 260)).padStart(4, '0')}`;
      const before = live.get(id);
      const after = next() < 0.3 ? undefined : make(id);
      if (after) live.set(id, after);
      else live.delete(id);
      expect(order.replace(before, after)).toBe(true);
    }
    check('edited');
    // Not vacuous: the terms find some jobs and miss others.
    const found = terms.map((term) => order.count({ words: searchWords(term) }));
    expect(found.some((n) => n === 0)).toBe(true);
    expect(found.filter((n) => n > 0 && n < live.size).length).toBeGreaterThan(5);
  });

  it('no word matches across two jobs joined in one chunk, or two fields', () => {
    const a = fieldsJob('a', ['xx pu', 'ab', null], 'open');
    const b = fieldsJob('b', ['mp yy', 'cd', null], 'open');
    const order = new SortedJobs('created', [a, b]);
    while (order.joinSome(1));
    const ids = (term: string) => order.page({ words: searchWords(term), sort: 'created', direction: 'asc', take: 10 });
    expect(ids('pump')).toEqual([]);
    expect(ids('bmp')).toEqual([]);
    expect(ids('puab')).toEqual([]);
    expect(ids('pu mp')).toEqual([]);
    expect(ids('pu ab')).toEqual(['a']);
    expect(ids('mp')).toEqual(['b']);
  });
});

describe('search work in slices', () => {
  it('a sliced sort and count give what the one-go ones give, yielding at every check', async () => {
    const next = seededRandom(11);
    const jobs = Array.from({ length: 5_000 }, (_, i) => job(`j${String(i).padStart(5, '0')}`, randomText(next)));
    const slice = new TimeSlice(0);
    const sliced = await SortedJobs.inSlices('title', jobs, slice, 64);
    const oneGo = new SortedJobs('title', jobs, 64);
    const all = { words: [], sort: 'title' as const, take: 10_000 };
    for (const direction of ['asc', 'desc'] as const) {
      expect(sliced.page({ ...all, direction })).toEqual(oneGo.page({ ...all, direction }));
      const after = { key: titles.get(jobs[1_234]!.id)!, id: jobs[1_234]!.id };
      const rare = { words: ['𝄞'], sort: 'title' as const, direction, after, take: 40 };
      const page = sliced.page(rare);
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
