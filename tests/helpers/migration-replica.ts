/** Replicas for migration tests: a fresh file in a temp dir, migrated to a given version, closed after each test. */
import path from 'node:path';
import { afterEach } from 'vitest';
import { migrate } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { tempDir } from './temp-dir.js';

/** Registers the clean-up; the returned function opens a local-only replica with the first `migrations` migrations applied. */
export function useMigrationReplicas(): (migrations: number) => Promise<Replica> {
  const open: Replica[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  return async (migrations) => {
    const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null, clientName: 'migration-test' });
    open.push(replica);
    await migrate(replica.db, MIGRATIONS.slice(0, migrations));
    return replica;
  };
}
