import type { Migration } from './types.js';

/**
 * What every new laptop downloads, made smaller (README: "A workspace that lives for years").
 *
 * Three job indexes no query needs (query plans: scripts/bench/query-plans.ts, tests/migrations/0009-lean-download.test.ts):
 * `jobs_status_due_idx` and `jobs_priority_idx` were never chosen (status and priority filters are
 * written `+j.status` to stay on the sort index); `jobs_due_idx` is replaced by `jobs_due_sort_idx`,
 * on which the due-date filters now seek (job-queries.ts writes them on the sort's expression), which
 * also spares the due sort of a due-date filter its sorter. `jobs_assignee_idx` stays although
 * `jobs_people_idx` has the same leading column: without it the next page of an assignee's jobs by
 * creation sorts that assignee's jobs instead of walking `jobs_created_idx`.
 * The runner makes each `DROP INDEX` replay safely on a primary that already dropped it
 * (electron/core/db/replay-safe-drops.ts: the engine replays a captured drop without IF EXISTS).
 *
 * `fold_workers`: who made folded edits, per device its latest signature, instead of an `@workers`
 * entry in every fold (changes/fold-workers.ts). Insert-only with fresh UUIDv7 ids like `change_folds`;
 * a row is deleted only by the compaction that inserts a newer signature of the same device.
 */
export const migration: Migration = {
  version: 9,
  name: 'lean-download',
  sql: `
DROP INDEX IF EXISTS jobs_status_due_idx;
DROP INDEX IF EXISTS jobs_priority_idx;
DROP INDEX IF EXISTS jobs_due_idx;
CREATE TABLE IF NOT EXISTS fold_workers (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  hlc TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
};
