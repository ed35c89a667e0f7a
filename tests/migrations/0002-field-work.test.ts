import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { SORT_KEYS } from '../../electron/core/features/jobs/job-queries.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

describe('migration 2: field work', () => {
  it('adds the field-work tables and job indexes, keeping existing jobs', async () => {
    const replica = await replicaAt(1);
    await replica.db.run(
      `INSERT INTO jobs (id, title, created_at, created_by, updated_at, updated_by) VALUES ('j1', 'Old job', 't', 'a', 't', 'a')`,
    );
    await migrate(replica.db, MIGRATIONS.slice(0, 2));
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

  it('gives every job sort an index, expression sorts included', async () => {
    const replica = await replicaAt(2);
    const sorts: Record<string, string> = {
      created: 'jobs_created_idx',
      updated: 'jobs_updated_idx',
      title: 'jobs_title_idx',
      due: 'jobs_due_sort_idx',
      priority: 'jobs_priority_sort_idx',
    };
    for (const [sort, index] of Object.entries(sorts)) {
      const key = SORT_KEYS[sort as keyof typeof SORT_KEYS];
      const plan = await replica.db.all(
        `EXPLAIN QUERY PLAN SELECT j.id FROM jobs j LEFT JOIN sites s ON s.id = j.site_id
         WHERE j.deleted_at IS NULL ORDER BY ${key} DESC, j.id DESC LIMIT 101`,
      );
      expect(JSON.stringify(plan), sort).toContain(index);
      expect(JSON.stringify(plan), sort).not.toMatch(/TEMP B-TREE|USE SORTER/);
    }
  });
});
