import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { listJobs } from '../../electron/core/features/jobs/job-queries.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

describe('migration 3: people', () => {
  it('adds the assignee person id to existing jobs without touching them; typed names still count as "mine"', async () => {
    const replica = await replicaAt(2);
    await replica.db.run(
      `INSERT INTO jobs (id, title, assignee, created_at, created_by, updated_at, updated_by) VALUES ('j1', 'Old job', 'Alex', 't', 'a', 't', 'a')`,
    );
    const report = await migrate(replica.db, MIGRATIONS.slice(0, 3));
    expect(report.applied).toEqual([3]);
    expect(await schemaVersion(replica.db)).toBe(3);
    expect(await replica.db.all('SELECT id, title, assignee, assignee_id FROM jobs')).toEqual([
      { id: 'j1', title: 'Old job', assignee: 'Alex', assignee_id: null },
    ]);
    const mine = await listJobs(replica.db, { assignedToMe: true }, { id: 'device-1', name: 'Alex' });
    expect(mine.items.map((j) => j.id)).toEqual(['j1']);
    // Running again is a no-op.
    expect((await migrate(replica.db, MIGRATIONS.slice(0, 3))).applied).toEqual([]);
  });
});
