/**
 * Who made folded edits, kept once per device (`fold_workers`, migration 9): the greatest stamp per
 * device always survives, whatever order compactions run in, an older signature never replaces a
 * newer one, and the folds themselves no longer carry `@workers` (what made them two to a page).
 */
import { describe, expect, it } from 'vitest';
import { compactHistory } from '../../../../electron/core/changes/compaction.js';
import { mergeWorkers, recordFoldWorkers } from '../../../../electron/core/changes/fold-workers.js';
import { WORKERS_KEY } from '../../../../electron/core/changes/folds.js';
import { workersFromChangeLog } from '../../../../electron/core/features/people/people-queries.js';
import { useMigrationReplicas } from '../../../helpers/migration-replica.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { EntityRegistry } from '../../../../electron/core/changes/entity.js';
import { readChangeLog, reapplyFolds } from '../../../../electron/core/sync/repair.js';

const replicaAt = useMigrationReplicas();
const at = new Date('2026-01-01T00:00:00Z');
const rows = async (db: Awaited<ReturnType<typeof replicaAt>>['db']) =>
  db.all<{ device_id: string; actor: string; hlc: string }>('SELECT device_id, actor, hlc FROM fold_workers ORDER BY device_id, hlc');

describe('fold workers', () => {
  it('merges signatures by the greatest stamp per device', () => {
    const merged = mergeWorkers({ d1: ['Ana', '0000000000200-00000-d1'] }, { d1: ['Old Ana', '0000000000100-00000-d1'], d2: ['Ben', '0000000000050-00000-d2'] });
    expect(merged).toEqual({ d1: ['Ana', '0000000000200-00000-d1'], d2: ['Ben', '0000000000050-00000-d2'] });
    expect(mergeWorkers({ d1: ['Old Ana', '0000000000100-00000-d1'] }, { d1: ['Ana', '0000000000200-00000-d1'] })).toEqual({ d1: ['Ana', '0000000000200-00000-d1'] });
  });

  it('keeps one row per device: a newer signature replaces the older rows, an older or equal one changes nothing', async () => {
    const { db } = await replicaAt(MIGRATIONS.length);
    expect(await recordFoldWorkers(db, { d1: ['Ana', '0000000000200-00000-d1'], d2: ['Ben', '0000000000100-00000-d2'] }, at)).toBe(2);
    expect(await recordFoldWorkers(db, { d1: ['Old Ana', '0000000000100-00000-d1'], d2: ['Ben', '0000000000100-00000-d2'] }, at)).toBe(0);
    expect(await rows(db)).toEqual([
      { device_id: 'd1', actor: 'Ana', hlc: '0000000000200-00000-d1' },
      { device_id: 'd2', actor: 'Ben', hlc: '0000000000100-00000-d2' },
    ]);
    expect(await recordFoldWorkers(db, { d2: ['Benedikt', '0000000000300-00000-d2'] }, at)).toBe(1);
    expect(await rows(db)).toEqual([
      { device_id: 'd1', actor: 'Ana', hlc: '0000000000200-00000-d1' },
      { device_id: 'd2', actor: 'Benedikt', hlc: '0000000000300-00000-d2' },
    ]);
    expect(await recordFoldWorkers(db, {}, at)).toBe(0);
  });

  it('keeps the greatest stamp when two compactors wrote rows for one device (as after a sync): the newest name wins', async () => {
    const { db } = await replicaAt(MIGRATIONS.length);
    // Two laptops each inserted a row without seeing the other's: both arrive.
    const written: [string, string, string][] = [
      ['w1', 'Ana', '0000000000300-00000-d1'],
      ['w2', 'Old Ana', '0000000000100-00000-d1'],
    ];
    for (const [id, actor, hlc] of written) {
      await db.run('INSERT INTO fold_workers (id, device_id, actor, hlc, created_at) VALUES (?, ?, ?, ?, ?)', [id, 'd1', actor, hlc, 't']);
    }
    await db.run(
      `INSERT INTO change_folds (id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at)
       VALUES ('f1', 'job', 'j1', 'c', '{"@won":[]}', 0, '0000000000100-00000-d1', '0000000000100-00000-d1', 1, '[]', 't')`,
    );
    expect(await workersFromChangeLog(db)).toEqual([{ id: 'd1', name: 'Ana' }]);
    // A signature between the two is outranked by the newest row: nothing is written or deleted.
    expect(await recordFoldWorkers(db, { d1: ['Middle', '0000000000200-00000-d1'] }, at)).toBe(0);
    expect((await rows(db)).map((r) => r.actor)).toEqual(['Old Ana', 'Ana']);
  });

  it('compaction writes folds without @workers and keeps each signer once, under their latest name', async () => {
    const { db } = await replicaAt(MIGRATIONS.length);
    const insert = (id: string, entityId: string, hlc: string, device: string, actor: string, kind = 'update') =>
      db.run(`INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES (?, 'job', ?, ?, ?, ?, ?, ?, 't')`, [
        id,
        entityId,
        kind,
        hlc,
        device,
        actor,
        JSON.stringify(kind === 'create' ? { title: id, updatedBy: actor } : { status: 'done', updatedBy: actor }),
      ]);
    await insert('c1', 'j1', '0000000000100-00000-d1', 'd1', 'Old Ana', 'create');
    await insert('c2', 'j2', '0000000000200-00000-d1', 'd1', 'Ana', 'create');
    await insert('c3', 'j1', '0000000000300-00000-d2', 'd2', 'Ben');
    await insert('c4', 'j3', '0000000000400-00000-d2', 'd2', 'Ben', 'create');
    // c4 is the log's newest row: compaction never folds it.
    expect(await compactHistory(db, { cutoffStamp: '9999999999999', deviceId: 'compactor', minInputs: 1 })).toEqual({ folded: 3, folds: 2 });
    const folds = await db.all<{ fields: string }>('SELECT fields FROM change_folds');
    expect(folds.length).toBe(2);
    for (const fold of folds) expect(Object.keys(JSON.parse(fold.fields) as object)).not.toContain(WORKERS_KEY);
    expect(await rows(db)).toEqual([
      { device_id: 'd1', actor: 'Ana', hlc: '0000000000200-00000-d1' },
      { device_id: 'd2', actor: 'Ben', hlc: '0000000000300-00000-d2' },
    ]);
    const people = await workersFromChangeLog(db);
    expect(people.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'd1', name: 'Ana' },
      { id: 'd2', name: 'Ben' },
    ]);
  });
});

describe('fold workers through a repair', () => {
  it('are exported with the change log and re-applied into the rebuilt replica, once', async () => {
    const damaged = (await replicaAt(MIGRATIONS.length)).db;
    await recordFoldWorkers(damaged, { d1: ['Ana', '0000000000200-00000-d1'], d2: ['Ben', '0000000000100-00000-d2'] }, at);
    const exported = await readChangeLog(damaged, new EntityRegistry(), 'this-laptop');
    expect(exported.foldWorkers?.map((w) => w.actor).sort()).toEqual(['Ana', 'Ben']);

    const rebuilt = (await replicaAt(MIGRATIONS.length)).db;
    await reapplyFolds(rebuilt, new EntityRegistry(), [], exported.foldWorkers);
    await reapplyFolds(rebuilt, new EntityRegistry(), [], exported.foldWorkers);
    expect(await rows(rebuilt)).toEqual(await rows(damaged));
  });
});
