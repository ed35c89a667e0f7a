/**
 * Compaction on a real replica (no primary needed): folding keeps every
 * record's projection, later edits stamp past folded ones, folds of
 * overlapping rows agree, the newest rows are never deleted, and the work
 * goes in slices that let the event loop run.
 */
import { describe, expect, it } from 'vitest';
import { compactHistory } from '../../../../electron/core/changes/compaction.js';
import { mergeIntoFold, type FoldRow } from '../../../../electron/core/changes/folds.js';
import { applyProjections, parseFields, type ChangeRow } from '../../../../electron/core/changes/projection.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { startTestCore } from '../../../helpers/core.js';
import { edit } from '../../../helpers/edits.js';

const FAR_FUTURE = '9999999999999';

function change(id: string, hlc: string, fields: Record<string, unknown>, kind = 'update'): ChangeRow {
  return { id, entity: 'job', entity_id: 'j1', kind, hlc, device_id: 'd', actor: 'a', fields: JSON.stringify(fields), created_at: '' };
}

const jobsSql = 'SELECT * FROM jobs ORDER BY id';

async function seed(core: Awaited<ReturnType<typeof startTestCore>>, jobs: number, editsEach: number): Promise<string[]> {
  const ids: string[] = [];
  for (let j = 0; j < jobs; j++) {
    const id = uuidv7();
    ids.push(id);
    await edit(core, 'job', id, 'create', { title: `Job ${j}`, description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    for (let k = 0; k < editsEach; k++) await edit(core, 'job', id, 'update', k % 2 ? { title: `Job ${j}.${k}` } : { assignee: `W${k}` });
  }
  return ids;
}

describe('fold rules', () => {
  it('a fold keeps, per field, the greatest (stamp, change id), and merging folds in any order or twice gives the same fold', () => {
    const c1 = change('c1', '0000000000100-00000-a', { title: 'first', status: 'open', deletedAt: null }, 'create');
    const c2 = change('c2', '0000000000200-00000-a', { title: 'second' });
    const c3 = change('c3', '0000000000300-00000-b', { status: 'done' });
    const asFold = (id: string, content: ReturnType<typeof mergeIntoFold>): FoldRow => ({
      id, entity: 'job', entity_id: 'j1', device_id: 'd', fields: JSON.stringify(content.fields), has_create: content.hasCreate ? 1 : 0,
      first_hlc: content.firstHlc, last_hlc: content.lastHlc, weight: content.weight, archive: JSON.stringify(content.archive), created_at: '',
    });
    const a = asFold('fa', mergeIntoFold([c1, c2], [], parseFields));
    const b = asFold('fb', mergeIntoFold([c2, c3], [], parseFields));
    // updatedBy: each row's actor (its fields leave it out, since migration 10).
    expect(JSON.parse(a.fields)).toEqual({ title: ['second', c2.hlc, 'c2'], status: ['open', c1.hlc, 'c1'], deletedAt: [null, c1.hlc, 'c1'], updatedBy: ['a', c2.hlc, 'c2'] });
    const ab = mergeIntoFold([], [a, b], parseFields);
    const ba = mergeIntoFold([], [b, a], parseFields);
    const all = mergeIntoFold([c3, c1, c2], [], parseFields);
    expect(ab.fields).toEqual(all.fields);
    expect(ba.fields).toEqual(all.fields);
    expect(mergeIntoFold([c2], [asFold('fall', all)], parseFields).fields).toEqual(all.fields);
    expect(ab).toMatchObject({ hasCreate: true, firstHlc: c1.hlc, lastHlc: c3.hlc });
    // Overlapping folds count their shared row twice: weight only ever rises, so "primary < replica" still means loss.
    expect(ab.weight).toBe(4);
  });
});

describe('compactHistory', () => {
  it('folds every record older than the cutoff and leaves every row, and every re-projection, exactly as it was', async () => {
    const core = await startTestCore();
    const ids = await seed(core, 6, 4);
    const db = core.replica.db;
    const before = await db.all(jobsSql);
    const result = await compactHistory(db, { cutoffStamp: FAR_FUTURE, deviceId: 'test' });
    // The newest change row is kept (its rowid must never be handed out again): 6 × 5 − 1 rows folded.
    expect(result).toEqual({ folded: 29, folds: 6 });
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes'))?.n).toBe(1);
    expect((await db.get<{ w: number }>('SELECT sum(weight) AS w FROM change_folds'))?.w).toBe(29);
    expect(await db.all(jobsSql)).toEqual(before);
    // Scramble every row, then re-project from folds (+ the one change left): the rows come back.
    await db.run("UPDATE jobs SET title = 'wrong', assignee = 'wrong', deleted_at = 'x'");
    await db.transaction((tx) => applyProjections(tx, jobEntity, ids));
    expect(await db.all(jobsSql)).toEqual(before);
    // A row deleted outright comes back from its fold's create.
    await db.run('DELETE FROM jobs WHERE id = ?', [ids[0]!]);
    await db.transaction((tx) => applyProjections(tx, jobEntity, ids));
    expect(await db.all(jobsSql)).toEqual(before);
  });

  it('an edit after the fold is stamped past the folded stamps, even with the clock set back', async () => {
    let now = Date.now();
    const core = await startTestCore({ clockNow: () => now });
    const [id] = await seed(core, 1, 3);
    await seed(core, 1, 0); // a later record holds the newest row, so all of the first one folds
    const folded = (await core.replica.db.get<{ hlc: string }>('SELECT max(hlc) AS hlc FROM changes WHERE entity_id = ?', [id!]))!.hlc;
    await compactHistory(core.replica.db, { cutoffStamp: FAR_FUTURE });
    expect((await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [id!]))?.n).toBe(0);
    now -= 3 * 3_600_000; // the laptop's clock jumps back three hours
    const { hlc } = await edit(core, 'job', id!, 'update', { title: 'after the fold' });
    expect(hlc > folded).toBe(true);
    expect((await core.replica.db.get<{ title: string }>('SELECT title FROM jobs WHERE id = ?', [id!]))?.title).toBe('after the fold');
  });

  it('folds only what is older than the cutoff, and a second compaction merges the new old rows into one fold per record', async () => {
    const core = await startTestCore();
    const db = core.replica.db;
    const [id] = await seed(core, 1, 3);
    await seed(core, 1, 0);
    const cutoff = (await db.get<{ hlc: string }>('SELECT hlc FROM changes WHERE entity_id = ? ORDER BY hlc LIMIT 1 OFFSET 2', [id!]))!.hlc;
    expect(await compactHistory(db, { cutoffStamp: cutoff })).toEqual({ folded: 2, folds: 1 });
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ? AND hlc < ?', [id!, cutoff]))?.n).toBe(0);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [id!]))?.n).toBe(2);
    const before = await db.all(jobsSql);
    expect(await compactHistory(db, { cutoffStamp: FAR_FUTURE })).toEqual({ folded: 2, folds: 1 });
    const foldsOf = () => db.get<{ n: number; w: number }>('SELECT count(*) AS n, sum(weight) AS w FROM change_folds WHERE entity_id = ?', [id!]);
    // The first fold was the newest fold row, which is never deleted: the new rows made a second fold.
    expect(await foldsOf()).toEqual({ n: 2, w: 4 });
    expect(await db.all(jobsSql)).toEqual(before);
    // Once another record's fold is newer, the two folds of the first record merge into one.
    await seed(core, 2, 2);
    await compactHistory(db, { cutoffStamp: FAR_FUTURE });
    await compactHistory(db, { cutoffStamp: FAR_FUTURE });
    expect(await foldsOf()).toEqual({ n: 1, w: 4 });
  });

  it('with settle, a folded record is refolded only once enough of its rows are due or the oldest is before the settle stamp', async () => {
    const core = await startTestCore();
    const db = core.replica.db;
    const [first, second] = await seed(core, 4, 1);
    // Jobs 1–3 get a fold each of their two rows (job 4's edit is the newest row and stays, its create alone is not worth a fold).
    expect(await compactHistory(db, { cutoffStamp: FAR_FUTURE })).toEqual({ folded: 6, folds: 3 });
    for (const id of [first!, first!, second!, second!]) await edit(core, 'job', id, 'update', { assignee: `W-${uuidv7()}` });
    await seed(core, 1, 0);
    const secondOldest = (await db.get<{ hlc: string }>('SELECT min(hlc) AS hlc FROM changes WHERE entity_id = ?', [second!]))!.hlc;
    const before = await db.all(jobsSql);
    const weights = () => db.all<{ entity_id: string; n: number; w: number }>('SELECT entity_id, count(*) AS n, sum(weight) AS w FROM change_folds WHERE entity_id IN (?, ?) GROUP BY entity_id ORDER BY entity_id', [first!, second!]);

    // Two rows due each, fewer than three, none before the settle stamp: nothing is refolded; job 4, with no fold yet, is folded.
    expect(await compactHistory(db, { cutoffStamp: FAR_FUTURE, settle: { rows: 3, beforeStamp: '0000000000000' } })).toEqual({ folded: 2, folds: 1 });
    expect(await weights()).toEqual([first!, second!].sort().map((id) => ({ entity_id: id, n: 1, w: 2 })));
    // The first job's rows are older than the second's oldest: only the first is refolded.
    expect(await compactHistory(db, { cutoffStamp: FAR_FUTURE, settle: { rows: 3, beforeStamp: secondOldest } })).toEqual({ folded: 2, folds: 1 });
    expect(await weights()).toEqual([first!, second!].sort().map((id) => ({ entity_id: id, n: 1, w: id === first ? 4 : 2 })));
    // Two rows are enough when two are asked for.
    expect(await compactHistory(db, { cutoffStamp: FAR_FUTURE, settle: { rows: 2, beforeStamp: '0000000000000' } })).toEqual({ folded: 2, folds: 1 });
    expect(await weights()).toEqual([first!, second!].sort().map((id) => ({ entity_id: id, n: 1, w: 4 })));
    expect(await db.all(jobsSql)).toEqual(before);
  });

  it('refuses a cutoff that is not a clock stamp (an ISO date would sort after every stamp and fold everything), touching nothing', async () => {
    const core = await startTestCore();
    await seed(core, 1, 2);
    await expect(compactHistory(core.replica.db, { cutoffStamp: '2026-09-01T00:00:00Z' })).rejects.toThrow(/cutoffStamp must be a clock stamp.*2026-09-01/);
    expect((await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes'))?.n).toBe(3);
  });

  it('never holds the event loop: timers run between its slices', async () => {
    const core = await startTestCore();
    await seed(core, 30, 2);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    let yields = 0;
    try {
      const started = ticks;
      const result = await compactHistory(core.replica.db, { cutoffStamp: FAR_FUTURE, recordsPerBatch: 3, scanRows: 10 });
      yields = ticks - started;
      expect(result.folds).toBe(30);
    } finally {
      clearInterval(timer);
    }
    // 10 transactions and 10+ scan slices: a timer gets its turn between them.
    expect(yields).toBeGreaterThan(5);
  });
});
