/**
 * A page of the job list after a cursor must seek its sort index on the whole
 * cursor (key and id), in every sort and direction: a plan that seeks the key
 * alone filters the cursor's tie group row by row, so a page deep in a sort
 * with few keys (priority has 4) cost ~120 ms at 100,000 jobs against ~10 ms
 * at its start, which no test at quick size would notice by timing.
 */
import { describe, expect, it } from 'vitest';
import type { JobPage, JobSort, SortDirection } from '../../../../../shared/domain/jobs.js';
import type { Queryable, SqlValue } from '../../../../../electron/core/db/database.js';
import { listJobs, type JobQuery } from '../../../../../electron/core/features/jobs/job-queries.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';

const SORT_INDEXES: Record<JobSort, string> = {
  created: 'jobs_created_idx',
  updated: 'jobs_updated_idx',
  title: 'jobs_title_idx',
  due: 'jobs_due_sort_idx',
  priority: 'jobs_priority_sort_idx',
};

/** The statements listJobs runs, recorded on their way to the replica. */
function recording(db: Queryable): { db: Queryable; statements: { sql: string; params: readonly SqlValue[] }[] } {
  const statements: { sql: string; params: readonly SqlValue[] }[] = [];
  return {
    statements,
    db: {
      all: (sql, params = []) => {
        statements.push({ sql, params });
        return db.all(sql, params);
      },
      get: (sql, params) => db.get(sql, params),
      run: (sql, params) => db.run(sql, params),
      exec: (sql) => db.exec(sql),
    },
  };
}

describe('job list: query plans after a cursor', () => {
  it('seeks the sort index on the cursor key and id in every sort and direction, with and without filters', async () => {
    const core = await startTestCore();
    // Same priority and no due date: every sort but created/updated/title has one tie group.
    for (const title of ['Pump A', 'Pump B', 'Pump C']) await invoke(core, 'jobs.create', { title });
    const checked: string[] = [];
    for (const sort of Object.keys(SORT_INDEXES) as JobSort[]) {
      for (const direction of ['asc', 'desc'] as SortDirection[]) {
        for (const filters of [{}, { status: ['open' as const], priority: ['normal' as const] }]) {
          const query: JobQuery = { sort, direction, limit: 1, ...filters };
          const first: JobPage = await listJobs(core.replica.db, query, null);
          expect(first.nextCursor, `${sort} ${direction}`).not.toBeNull();
          const { db, statements } = recording(core.replica.db);
          await listJobs(db, { ...query, cursor: first.nextCursor }, null);
          expect(statements.length, `${sort} ${direction}`).toBeGreaterThan(0);
          const op = direction === 'asc' ? '>' : '<';
          const details: string[] = [];
          for (const { sql, params } of statements) {
            const plan = await core.replica.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, [...params]);
            const jobsStep = plan.map((step) => step.detail).find((detail) => /\b(SEARCH|SCAN) j\b/.test(detail));
            expect(jobsStep, `${sort} ${direction}: ${sql}`).toMatch(new RegExp(`^SEARCH j USING INDEX ${SORT_INDEXES[sort]} \\(`));
            expect(plan.some((step) => /TEMP B-TREE/.test(step.detail)), `${sort} ${direction} sorts: ${sql}`).toBe(false);
            details.push(jobsStep!);
          }
          // The cursor's tie group is sought on key and id together; what lies beyond it on the key alone.
          expect(details.some((d) => d.includes(`=? AND id${op}?)`)), `${sort} ${direction}: ${details.join(' | ')}`).toBe(true);
          checked.push(`${sort} ${direction}`);
        }
      }
    }
    expect(new Set(checked).size).toBe(10);
  });

  it('pages through large tie groups in every sort and direction with the same rows and order as one read', async () => {
    const core = await startTestCore();
    const specs = [
      ...Array.from({ length: 7 }, () => ({ title: 'Same title', priority: 'high', dueDate: null })),
      ...Array.from({ length: 5 }, (_, i) => ({ title: `Other ${i % 2}`, priority: i % 2 === 0 ? 'low' : 'high', dueDate: '2026-12-02' })),
    ];
    for (const spec of specs) await invoke(core, 'jobs.create', spec);
    for (const sort of Object.keys(SORT_INDEXES) as JobSort[]) {
      for (const direction of ['asc', 'desc'] as SortDirection[]) {
        const whole = (await listJobs(core.replica.db, { sort, direction, limit: 100 }, null)).items.map((j) => j.id);
        for (const limit of [1, 2, 3, 5]) {
          const paged: string[] = [];
          let cursor: string | null = null;
          do {
            const page: JobPage = await listJobs(core.replica.db, { sort, direction, limit, cursor }, null);
            paged.push(...page.items.map((j) => j.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(paged, `${sort} ${direction} by ${limit}`).toEqual(whole);
        }
        expect(whole).toHaveLength(12);
      }
    }
  });
});
