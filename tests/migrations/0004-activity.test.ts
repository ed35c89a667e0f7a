import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

describe('migration 4: activity', () => {
  it('indexes the change log by stamp over existing rows, leaving them as they were; running again is a no-op', async () => {
    const replica = await replicaAt(3);
    await replica.db.run(
      `INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES ('c1', 'job', 'j1', 'create', '0001764590000000-00000-d', 'd', 'Alex', '{}', 't')`,
    );
    expect((await migrate(replica.db, MIGRATIONS.slice(0, 4))).applied).toEqual([4]);
    expect(await schemaVersion(replica.db)).toBe(4);
    const index = await replica.db.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'changes_hlc_idx'");
    expect(index?.sql).toMatch(/ON changes \(hlc, id\)/);
    expect(await replica.db.all('SELECT id, hlc FROM changes')).toEqual([{ id: 'c1', hlc: '0001764590000000-00000-d' }]);
    expect((await migrate(replica.db, MIGRATIONS.slice(0, 4))).applied).toEqual([]);
  });
});
