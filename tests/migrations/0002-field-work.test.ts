import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../electron/core/db/replica.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const open: Replica[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function replicaAt(version: number): Promise<Replica> {
  const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null, clientName: 'migration-test' });
  open.push(replica);
  await migrate(replica.db, MIGRATIONS.slice(0, version));
  return replica;
}

describe('migration 2: field work', () => {
  it('adds the field-work tables and job indexes, keeping existing jobs', async () => {
    const replica = await replicaAt(1);
    await replica.db.run(
      `INSERT INTO jobs (id, title, created_at, created_by, updated_at, updated_by) VALUES ('j1', 'Old job', 't', 'a', 't', 'a')`,
    );
    await migrate(replica.db, MIGRATIONS);
    expect(await schemaVersion(replica.db)).toBe(2);
    expect(await replica.db.all('SELECT id, title FROM jobs')).toEqual([{ id: 'j1', title: 'Old job' }]);
    const names = (await replica.db.all<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')`)).map(
      (r) => r.name,
    );
    for (const name of ['sites', 'checklist_templates', 'inspections', 'inspection_items', 'job_notes', 'jobs_due_idx', 'jobs_title_idx', 'jobs_site_idx']) {
      expect(names).toContain(name);
    }
  });

  it('is idempotent: replaying its SQL on a migrated replica changes nothing', async () => {
    const replica = await replicaAt(2);
    await replica.db.exec(MIGRATIONS[1]!.sql);
    expect(await schemaVersion(replica.db)).toBe(2);
  });

  it('lets a site page by name use its index', async () => {
    const replica = await replicaAt(2);
    const plan = await replica.db.all<Record<string, unknown>>(
      'EXPLAIN QUERY PLAN SELECT id FROM sites WHERE deleted_at IS NULL ORDER BY name, id LIMIT 10',
    );
    expect(JSON.stringify(plan)).toMatch(/sites_name_idx/);
  });
});
