/**
 * Archived edits over more folds than one read of folds (100), with folds
 * whose newest stamps tie: paged newest first, the archived edits are exactly
 * the uncompacted feed's rows in its order, none skipped or repeated at a
 * page or fold-read boundary. The renderer's cursor is checked like the
 * feed's: one of another list, a changed one, or one with a number for its
 * stamp is refused in plain words before anything is read.
 */
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../../electron/core/blobs/object-store.js';
import { ArchivedRows } from '../../../../../electron/core/changes/archived-rows.js';
import { compactHistory } from '../../../../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../../../../electron/core/changes/history-archive.js';
import { loadArchivedActivity } from '../../../../../electron/core/features/activity/activity-archive.js';
import { listActivity, type ActivityQuery } from '../../../../../electron/core/features/activity/activity-queries.js';
import { encodeCursor } from '../../../../../electron/core/features/cursor.js';
import { encodeHlc } from '../../../../../shared/hlc.js';
import { uuidv7 } from '../../../../../shared/ids.js';
import { startTestCore } from '../../../../helpers/core.js';
import { edit } from '../../../../helpers/edits.js';
import { startObjectStore } from '../../../../helpers/object-store.js';

const HOUR = 3_600_000;
const RECORDS = 112;
/** Records whose newest edit carries one stamp: ties of the folds' last_hlc, across fold reads of 100. */
const TIED = 4;

describe('archived edits in pages', () => {
  it('pages over many folds with tied stamps give exactly the uncompacted feed, and foreign cursors are refused', { timeout: 180_000 }, async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      now += 1_000;
      const id = uuidv7(now);
      ids.push(id);
      await edit(core, 'job', id, 'create', { title: `Job ${i}`, description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    }
    for (const [i, id] of ids.entries()) {
      now += 1_000;
      const change = await edit(core, 'job', id, 'update', { title: `Job ${i}, checked` });
      // Every TIED records, the newest edits share the first one's stamp (what several edits of one tick would carry).
      if (i % TIED !== 0) {
        const group = ids[i - (i % TIED)]!;
        await db.run("UPDATE changes SET hlc = (SELECT max(hlc) FROM changes WHERE entity_id = ?) WHERE id = ?", [group, change.id]);
      }
    }
    now += 200 * 24 * HOUR;
    const feed = async (query: ActivityQuery) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listActivity(db, { ...query, limit: 50, cursor });
        out.push(...page.items.map((e) => e.changeId));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    const before = await feed({});
    expect(before).toHaveLength(2 * RECORDS);
    const stamps = await db.all<{ n: number }>('SELECT count(*) AS n FROM changes GROUP BY hlc HAVING count(*) > 1');
    expect(stamps.length).toBeGreaterThan(RECORDS / TIED - 2);

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    await compactHistory(db, { cutoffStamp: encodeHlc({ wallMs: now, counter: 0, deviceId: '' }), archive, minInputs: 1 });
    const rest = await feed({});
    expect(rest.length).toBeLessThan(3);
    const folds = await db.all<{ last_hlc: string; n: number }>('SELECT last_hlc, count(*) AS n FROM change_folds GROUP BY last_hlc');
    expect(folds.reduce((sum, f) => sum + f.n, 0)).toBeGreaterThan(100);
    expect(folds.filter((f) => f.n === TIED).length).toBeGreaterThan(RECORDS / TIED - 2);

    const archived = new ArchivedRows(() => archive);
    for (const limit of [7, 50, 120]) {
      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await loadArchivedActivity(db, { limit, cursor }, archived);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        pages.push(...page.items.map((e) => e.changeId));
        cursor = page.nextCursor;
      } while (cursor);
      expect([...rest, ...pages], `pages of ${limit}`).toEqual(before);
    }

    const first = await loadArchivedActivity(db, { limit: 3 }, archived);
    const feedCursor = (await listActivity(db, { limit: 1 })).nextCursor;
    const numberKey = encodeCursor({ sort: 'activity-archive:hlc-desc', key: 123, id: 'x' });
    const changed = `${first.nextCursor!.slice(0, -4)}AAAA`;
    for (const cursor of [numberKey, changed, 'not a cursor', ...(feedCursor ? [feedCursor] : [])]) {
      const refused = await core.dispatch('activity.loadArchived', { cursor });
      expect(refused.ok ? null : refused.error, cursor).toMatchObject({ code: 'INVALID_INPUT', field: 'cursor' });
      await expect(loadArchivedActivity(db, { cursor }, archived)).rejects.toThrow(/list position \(cursor\) does not fit/);
    }
    store.close();
  });
});
