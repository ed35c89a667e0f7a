/**
 * A fold from another laptop whose folded rows this replica never held (they
 * were deleted before it pulled) still brings the record to its projection;
 * the fold watermark moves past it, this laptop's own folds are skipped, and
 * a fresh join with no fold of its own skips to the end.
 */
import { describe, expect, it } from 'vitest';
import { recordEdit, type EditContext } from '../../../../electron/core/changes/change-log.js';
import { compactHistory } from '../../../../electron/core/changes/compaction.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { reconcileFolds } from '../../../../electron/core/sync/reconcile-folds.js';
import { HybridClock } from '../../../../shared/hlc.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { startTestCore } from '../../../helpers/core.js';

describe('reconcile of pulled folds', () => {
  it('re-projects a record from a remote fold alone, once, and moves the fold watermark', async () => {
    const core = await startTestCore();
    const db = core.replica.db;
    const clock = new HybridClock('other-laptop', Date.now);
    const other: EditContext = { clock, deviceId: 'other-laptop', actor: () => 'Bo', now: () => new Date() };
    const id = uuidv7();
    const write = (kind: 'create' | 'update', values: Record<string, string | null>) =>
      db.transaction((tx) => recordEdit(tx, other, jobEntity, { entityId: id, kind, values }));
    await write('create', { title: 'Boiler', description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    await write('update', { title: 'Boiler, checked' });
    await db.transaction((tx) => recordEdit(tx, other, jobEntity, { entityId: uuidv7(), kind: 'create', values: { title: 'Newest', description: '' } }));
    await compactHistory(db, { cutoffStamp: '9999999999999', deviceId: 'other-laptop' });
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [id]))?.n).toBe(0);
    // As a stale last push leaves it: the row disagrees with the only trace of its edits, the fold.
    await db.run("UPDATE jobs SET title = 'stale' WHERE id = ?", [id]);

    const first = await reconcileFolds(db, core.entities, core.edits.deviceId, null, false);
    expect(first).toMatchObject({ newFolds: 1, rewritten: 1, entities: ['job'] });
    expect((await db.get<{ title: string }>('SELECT title FROM jobs WHERE id = ?', [id]))?.title).toBe('Boiler, checked');
    const top = (await db.get<{ rid: number }>('SELECT max(rowid) AS rid FROM change_folds'))!.rid;
    expect(first.watermark).toBe(top);

    await db.run("UPDATE jobs SET title = 'stale again' WHERE id = ?", [id]);
    expect(await reconcileFolds(db, core.entities, core.edits.deviceId, first.watermark, false)).toMatchObject({ newFolds: 0, rewritten: 0 });
    // This laptop's own folds are never the news (it folded what it already had).
    expect(await reconcileFolds(db, core.entities, 'other-laptop', null, false)).toMatchObject({ newFolds: 0, watermark: null });
    // A fresh join with no fold of its own jumps to the end without re-projecting.
    expect(await reconcileFolds(db, core.entities, core.edits.deviceId, null, true)).toMatchObject({ newFolds: 0, watermark: top });
    expect((await db.get<{ title: string }>('SELECT title FROM jobs WHERE id = ?', [id]))?.title).toBe('stale again');
  });
});
