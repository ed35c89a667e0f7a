import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

describe('migration 6: change folds', () => {
  it('adds the folds table and its record index beside an existing change log, leaving the log as it was; running again is a no-op', async () => {
    const replica = await replicaAt(5);
    await replica.db.run(
      `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES ('c1', 'job', 'j1', 'create', '0001764590000000-00000-d', 'd', 'Alex', '{}', 't')`,
    );
    expect((await migrate(replica.db, MIGRATIONS.slice(0, 6))).applied).toEqual([6]);
    expect(await schemaVersion(replica.db)).toBe(6);
    const index = await replica.db.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'change_folds_entity_idx'");
    expect(index?.sql).toMatch(/ON change_folds \(entity_id, entity\)/);
    await replica.db.run(
      `INSERT INTO change_folds (id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at)
       VALUES ('f1', 'job', 'j1', 'd', '{}', 1, 'a', 'b', 2, '[]', 't')`,
    );
    expect(await replica.db.all('SELECT id FROM changes')).toEqual([{ id: 'c1' }]);
    expect((await migrate(replica.db, MIGRATIONS.slice(0, 6))).applied).toEqual([]);
    expect(await replica.db.all('SELECT id, weight FROM change_folds')).toEqual([{ id: 'f1', weight: 2 }]);
  });
});
