/**
 * The as-of job tree must reach the change log through its record index only:
 * a plan that walks the stamp index or scans `changes` / `change_folds` costs
 * time in proportion to the whole workspace (264 ms at 100,000 jobs, bench
 * case app.as-of), which no test at quick size would notice by timing.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/core/db/migrate.js';
import { openReplica, type Replica } from '../../../../../electron/core/db/replica.js';
import { JOB_TREE_STATEMENTS } from '../../../../../electron/core/features/as-of/job-tree.js';
import { MIGRATIONS } from '../../../../../migrations/index.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const open: Replica[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('as-of job tree: query plans', () => {
  it('finds every part of the tree through the parents and the record index, never by the stamp index or a scan of the log', async () => {
    const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null, clientName: 'plan-test' });
    open.push(replica);
    await migrate(replica.db, MIGRATIONS);
    const plans = {
      tree: await replica.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${JOB_TREE_STATEMENTS.tree}`, ['\u001e', 'job-1', '~']),
      folds: await replica.db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${JOB_TREE_STATEMENTS.folds}`, ['job-1']),
    };
    for (const [name, plan] of Object.entries(plans)) {
      const details = plan.map((step) => step.detail);
      expect(details.filter((d) => /\bSCAN (changes|change_folds)\b|changes_stamp_idx/.test(d)), name).toEqual([]);
    }
    const uses = (plan: { detail: string }[], index: string) => plan.filter((step) => step.detail.includes(index)).length;
    // job, notes, inspections, items: rows below the bound, rows at or above it, the first stamp.
    expect(uses(plans.tree, 'changes_entity_idx')).toBe(9);
    expect(uses(plans.tree, 'change_folds_entity_idx')).toBe(4);
    expect(uses(plans.folds, 'change_folds_entity_idx')).toBe(4);
  });
});
