/**
 * The activity feed after compaction: "what changed since" a time older than
 * the folded edits says, in plain words, that older edits are archived (and
 * how many records' history), and with the archive (a real s3rver) reads them
 * back, newest first in pages, so the feed plus the archived edits is exactly
 * the uncompacted feed; offline, loading says it needs the network.
 */
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../../electron/core/blobs/object-store.js';
import { ArchivedRows } from '../../../../../electron/core/changes/archived-rows.js';
import { compactHistory } from '../../../../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../../../../electron/core/changes/history-archive.js';
import { archivedInRange, loadArchivedActivity } from '../../../../../electron/core/features/activity/activity-archive.js';
import { listActivity, type ActivityQuery } from '../../../../../electron/core/features/activity/activity-queries.js';
import type { ActivityArchived, ActivityEntry, ActivityPage } from '../../../../../shared/domain/activity.js';
import { encodeHlc } from '../../../../../shared/hlc.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { Site } from '../../../../../shared/domain/sites.js';
import type { Core } from '../../../../../electron/core/app-core.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { startObjectStore } from '../../../../helpers/object-store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every page of the feed. */
async function wholeFeed(core: Core, query: ActivityQuery): Promise<ActivityEntry[]> {
  const out: ActivityEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: ActivityPage = await listActivity(core.replica.db, { ...query, limit: 4, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('activity after compaction', () => {
  it('says older edits are archived, and loads them back so feed plus archive equals the uncompacted feed', async () => {
    const start = Date.now() - 400 * DAY;
    let now = start;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const edit = async <T>(name: string, input: unknown): Promise<T> => {
      now += HOUR;
      return invoke<T>(core, name, input);
    };
    const site = await edit<Site>('sites.create', { name: 'Harbour View', address: '12 Quay Street' });
    const jobs: Job[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await edit<Job>('jobs.create', { title: `Job ${i}`, siteId: site.id }));
    for (const job of jobs) await edit('jobs.update', { id: job.id, title: `${job.title}, checked` });
    await edit('jobs.setStatus', { id: jobs[0]!.id, status: 'in_progress' });
    await edit('sites.update', { id: site.id, name: 'Harbour Point' });
    // Later edits, after the cutoff: they stay in the change log.
    now += 200 * DAY;
    const cutoffMs = now - 100 * DAY;
    await edit('jobs.update', { id: jobs[1]!.id, title: 'Job 1, redone' });
    await edit('jobs.create', { title: 'Newest' });

    const since = new Date(start + 3 * HOUR + HOUR / 2); // after the site and the first two jobs were created
    const ranges: ActivityQuery[] = [{ since }, { since, kinds: ['site'] }, { since, personId: core.settings.current.deviceId }, {}];
    const before = [];
    for (const range of ranges) before.push(await wholeFeed(core, range));
    expect(before[0]!.length).toBeGreaterThan(8);

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    const archived = new ArchivedRows(() => archive);
    expect(await archivedInRange(db, { since }, archived)).toBeNull();
    await compactHistory(db, { cutoffStamp: encodeHlc({ wallMs: cutoffMs, counter: 0, deviceId: '' }), archive, minInputs: 1 });

    // The feed alone now lists only what is left: the two late edits.
    const left = await wholeFeed(core, { since });
    expect(left.map((e) => e.fields.find((f) => f.field === 'title')?.value)).toEqual(['Newest', 'Job 1, redone']);

    const notice = (await archivedInRange(db, { since }, archived)) as ActivityArchived;
    // The site, the four jobs and the status change's timeline entry.
    expect(notice).toMatchObject({ records: 6, canLoad: true });
    expect(notice.message).toMatch(/^Edits up to \d{4}-\d\d-\d\d are archived.*6 records' older history is in the workspace archive/);
    expect(notice.since).toBe(since.toISOString());
    expect(await archivedInRange(db, { since, kinds: ['site'] }, archived)).toMatchObject({ records: 1 });
    expect(await archivedInRange(db, { since: new Date(cutoffMs) }, archived)).toBeNull();

    // Feed plus archived edits, each newest first in pages of 3, is the uncompacted feed, for every filter.
    for (const [i, range] of ranges.entries()) {
      const fromArchive: ActivityEntry[] = [];
      let cursor: string | null = null;
      do {
        const page = await loadArchivedActivity(db, { ...range, limit: 3, cursor }, archived);
        fromArchive.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(fromArchive.every((e) => e.source === 'archive')).toBe(true);
      const rest = await wholeFeed(core, range);
      expect([...rest, ...fromArchive.map(({ source: _source, ...e }) => e)]).toEqual(before[i]);
    }

    // This core's handlers have no archive set up: the notice says so, and loading refuses in plain words.
    const noArchive = await invoke<ActivityArchived>(core, 'activity.archived', { since: since.toISOString() });
    expect(noArchive).toMatchObject({ records: 6, canLoad: false });
    expect(noArchive.message).toMatch(/no archive set up/);
    const refused = await core.dispatch('activity.loadArchived', { since: since.toISOString() });
    expect(refused.ok ? null : refused.error.message).toMatch(/no photo storage/);

    // Offline: a session that has not read the objects is told loading needs the network.
    await objectStore.stop();
    await expect(loadArchivedActivity(db, { since }, new ArchivedRows(() => archive))).rejects.toThrow(/need the network/);
    store.close();
  }, 120_000);
});
