import { describe, expect, it } from 'vitest';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { WON_KEY } from '../../electron/core/changes/fold-fields.js';
import { foldFields, loadFolds } from '../../electron/core/changes/folds.js';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

const leanFolds = MIGRATIONS.findIndex((m) => m.name === 'lean-folds');
const change = (id: string, hlc: string, kind: string, fields: object) =>
  `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES ('${id}', 'job', 'j1', '${kind}', '${hlc}', 'd', 'Alex', '${JSON.stringify(fields)}', 't')`;

describe('migration: lean folds', () => {
  it('changes no table, keeps folds of the older form readable, and the next compaction merges them into one lean fold; running again is a no-op', async () => {
    expect(leanFolds).toBeGreaterThan(0);
    const replica = await replicaAt(leanFolds);
    const schemaBefore = await replica.db.all("SELECT type, name, sql FROM sqlite_schema WHERE name != 'schema_migrations' ORDER BY name");
    // A fold written before: per field [value, stamp, change id].
    const legacy = { title: ['Old title', '1000000000100-00000-d', 'c1'], status: ['open', '1000000000100-00000-d', 'c1'] };
    await replica.db.run(
      `INSERT INTO change_folds (id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at)
       VALUES ('f1', 'job', 'j1', 'd', ?, 1, '1000000000100-00000-d', '1000000000100-00000-d', 1, '[]', 't')`,
      [JSON.stringify(legacy)],
    );
    // Another record's fold after it: the newest fold is never an input (its rowid must never be handed out again).
    await replica.db.run(
      `INSERT INTO change_folds (id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at)
       VALUES ('f2', 'job', 'j2', 'd', '{}', 1, '1000000000100-00000-d', '1000000000100-00000-d', 1, '[]', 't')`,
    );

    const report = await migrate(replica.db, MIGRATIONS.slice(0, leanFolds + 1));
    expect(report.applied).toEqual([MIGRATIONS[leanFolds]!.version]);
    expect(await schemaVersion(replica.db)).toBe(MIGRATIONS[leanFolds]!.version);
    expect(await replica.db.all("SELECT type, name, sql FROM sqlite_schema WHERE name != 'schema_migrations' ORDER BY name")).toEqual(schemaBefore);
    expect(foldFields((await loadFolds(replica.db, 'job', ['j1']))[0]!)).toEqual(legacy);

    // The app compacts only at the latest schema: migration 9 moved who made the edits out of the folds.
    await migrate(replica.db, MIGRATIONS);
    await replica.db.run(change('c2', '1000000000200-00000-d', 'update', { status: 'done' }));
    await replica.db.run(change('c3', '1000000000300-00000-d', 'update', { title: 'Newest' }));
    // The newest row stays (its rowid is never handed out again): c2 and the old fold become one fold.
    expect(await compactHistory(replica.db, { cutoffStamp: '9999999999999', deviceId: 'test' })).toEqual({ folded: 1, folds: 1 });
    const [fold] = await loadFolds(replica.db, 'job', ['j1']);
    expect(Object.keys(JSON.parse(fold!.fields) as object)).toEqual([WON_KEY]);
    expect(await replica.db.all('SELECT device_id, actor, hlc FROM fold_workers')).toEqual([{ device_id: 'd', actor: 'Alex', hlc: '1000000000200-00000-d' }]);
    // c2's updatedAt and updatedBy are its row's created_at and actor (its fields leave them out, since migration 10).
    expect(foldFields(fold!)).toEqual({
      title: ['Old title', '1000000000100-00000-d', 'c1'],
      status: ['done', '1000000000200-00000-d', 'c2'],
      updatedAt: ['t', '1000000000200-00000-d', 'c2'],
      updatedBy: ['Alex', '1000000000200-00000-d', 'c2'],
    });
    expect(fold!.weight).toBe(2);
    expect((await migrate(replica.db, MIGRATIONS)).applied).toEqual([]);
  });
});
