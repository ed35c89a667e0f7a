import { describe, expect, it } from 'vitest';
import { listActivity } from '../../electron/core/features/activity/activity-queries.js';
import { jobEntity } from '../../electron/core/features/jobs/job-entity.js';
import { loadChanges, parseFields, project } from '../../electron/core/changes/projection.js';
import { migrate, schemaVersion } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { useMigrationReplicas } from '../helpers/migration-replica.js';

const replicaAt = useMigrationReplicas();

const version = MIGRATIONS.findIndex((m) => m.name === 'lean-changes') + 1;
const insert = 'INSERT INTO changes (id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const indexSql = async (db: Awaited<ReturnType<typeof replicaAt>>['db']) =>
  Object.fromEntries(
    (await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'changes' AND sql IS NOT NULL")).map((r) => [r.name, r.sql]),
  );

describe('migration 10: lean changes', () => {
  it('keeps rows written before readable as they were, indexes the log by stamp alone, and replaying its SQL changes nothing', async () => {
    expect(version).toBe(10);
    const replica = await replicaAt(version - 1);
    // A row written before: its fields repeat its own time and author.
    await replica.db.run(insert, ['c1', 'job', 'j1', 'create', '1764590000000-00000-d1', 'd1', 'Alex', JSON.stringify({ title: 'Old', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'Alex' }), '2026-12-01T00:00:00.000Z']);
    expect(await indexSql(replica.db)).toMatchObject({ changes_hlc_idx: expect.stringMatching(/\(hlc, id\)/) });
    expect((await migrate(replica.db, MIGRATIONS.slice(0, version))).applied).toEqual([version]);
    expect(await schemaVersion(replica.db)).toBe(version);
    const indexes = await indexSql(replica.db);
    expect(indexes.changes_hlc_idx).toBeUndefined();
    expect(indexes.changes_stamp_idx).toMatch(/ON changes \(hlc\)/);
    expect(indexes.changes_entity_idx).toMatch(/\(entity_id, hlc\)/);
    // A row written since: without the stamps its columns carry.
    await replica.db.run(insert, ['c2', 'job', 'j1', 'update', '1764590000001-00000-d2', 'd2', 'Bo', JSON.stringify({ title: 'New' }), '2026-12-02T00:00:00.000Z']);
    const rows = await loadChanges(replica.db, 'job', ['j1']);
    expect(rows.map(parseFields)).toEqual([
      { title: 'Old', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'Alex' },
      { title: 'New', updatedAt: '2026-12-02T00:00:00.000Z', updatedBy: 'Bo' },
    ]);
    const winners = project(jobEntity, rows).fields;
    expect([winners.get('title')?.value, winners.get('updatedAt')?.value, winners.get('updatedBy')?.value]).toEqual(['New', '2026-12-02T00:00:00.000Z', 'Bo']);
    await replica.db.exec(MIGRATIONS[version - 1]!.sql);
    expect(await indexSql(replica.db)).toEqual(indexes);
  });

  it('the activity feed walks the stamp index without sorting, and pages through tied stamps once each', async () => {
    const replica = await replicaAt(version);
    // Two records edited on top of one far-ahead stamp can share a stamp (shared/hlc.ts): three rows tie here.
    const tied = '1764590000500-00003-d1';
    const rows: [string, string][] = [
      ['a1', '1764590000100-00000-d1'],
      ['z9', tied],
      ['m5', tied],
      ['b2', tied],
      ['c3', '1764590000900-00000-d2'],
    ];
    for (const [id, hlc] of rows) await replica.db.run(insert, [id, 'job', `j-${id}`, 'update', hlc, 'd1', 'Alex', '{"title":"x"}', '2026-12-01T00:00:00.000Z']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listActivity(replica.db, { limit: 2, cursor });
      seen.push(...page.items.map((i) => i.changeId));
      cursor = page.nextCursor;
    } while (cursor);
    // Newest stamp first; tied stamps newest arrival first (rowid), each once.
    expect(seen).toEqual(['c3', 'b2', 'm5', 'z9', 'a1']);
    const plan = await replica.db.all<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT rowid AS rid, id FROM changes WHERE hlc <= ? AND (hlc < ? OR rowid < ?) ORDER BY hlc DESC, rowid DESC LIMIT ?',
      [tied, tied, 3, 3],
    );
    const details = plan.map((s) => s.detail).join(' | ');
    expect(details).toContain('changes_stamp_idx');
    expect(details).not.toMatch(/SORTER|TEMP B-TREE/);
    await expect(listActivity(replica.db, { limit: 2, cursor: Buffer.from(JSON.stringify(['activity:hlc-rowid-desc', tied, 'not-a-rowid'])).toString('base64url') })).rejects.toThrow(/cursor/);
  });
});
