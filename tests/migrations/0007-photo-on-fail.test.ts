import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate.js';
import { getInspection } from '../../electron/core/features/inspections/inspection-queries.js';
import { listTemplates } from '../../electron/core/features/templates/template-queries.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

const photoOnFail = MIGRATIONS.findIndex((m) => m.name === 'photo-on-fail');

describe('migration: photo on fail', () => {
  it('adds the flag to existing templates and checklist items without touching them: nothing needs a photo', async () => {
    expect(photoOnFail).toBeGreaterThan(0);
    const replica = await replicaAt(photoOnFail);
    const stamps = `'t', 'a', 't', 'a'`;
    await replica.db.run(`INSERT INTO checklist_templates (id, name, items, created_at, created_by, updated_at, updated_by) VALUES ('t1', 'Old', '["A","B"]', ${stamps})`);
    await replica.db.run(`INSERT INTO inspections (id, job_id, template_id, template_name, created_at, created_by, updated_at, updated_by) VALUES ('i1', 'j1', 't1', 'Old', ${stamps})`);
    await replica.db.run(
      `INSERT INTO inspection_items (id, inspection_id, position, label, result, created_at, created_by, updated_at, updated_by) VALUES ('it1', 'i1', 0, 'A', 'fail', ${stamps})`,
    );
    const report = await migrate(replica.db, MIGRATIONS.slice(0, photoOnFail + 1));
    expect(report.applied).toEqual([MIGRATIONS[photoOnFail]!.version]);
    expect((await listTemplates(replica.db)).map((t) => [t.name, t.items, t.photoOnFail])).toEqual([['Old', ['A', 'B'], []]]);
    expect((await getInspection(replica.db, 'i1')).items).toMatchObject([{ label: 'A', result: 'fail', photoOnFail: false }]);
    expect((await migrate(replica.db, MIGRATIONS.slice(0, photoOnFail + 1))).applied).toEqual([]);
  });
});
