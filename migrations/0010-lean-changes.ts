import type { Migration } from './types.js';

/**
 * What every new laptop downloads of the retention window, made smaller (README: "What is left to cut").
 *
 * Change rows are written without the `updatedAt` and `updatedBy` entries in `fields` that repeated their
 * own `created_at` and `actor` columns (~60 B of a ~300 B row, which every new laptop downloads for the
 * whole retention window). Every reader takes them from those columns when absent (changes/projection.ts
 * `parseFields`); rows written before keep them and read as before.
 *
 * The version is the guard, as in migration 8: an older Fieldbook projects such a change without its
 * updatedAt/updatedBy, and its compactor would fold it so, losing them; it checks the schema version after
 * every pull, before compacting, and stops with "update Fieldbook" once it sees this one.
 *
 * Folds are written with '' for `created_at` (when it was folded; the fold's UUIDv7 id says it, nothing
 * reads it) and with a 16-digit signer of the folding laptop in `device_id` instead of its 36-character id
 * (changes/fold-signer.ts; reconcile-folds.ts knows both forms as its own): ~45 B less, and three folds
 * share a 4 KB page instead of two. Folds written before keep theirs; an older Fieldbook takes a signer
 * for another laptop's, which it is (it writes only whole ids itself).
 *
 * The stamp index loses its `id` (`changes_hlc_idx (hlc, id)` → `changes_stamp_idx (hlc)`, ~37 B an entry):
 * stamps are unique but for a rare edge (two records edited on top of one far-ahead clock's stamps may get
 * one stamp, shared/hlc.ts), so the activity feed breaks ties by rowid, which the index holds after the stamp
 * (the engine then reads it in order; by `id` it sorted the whole log). The engine replays the CREATE as
 * `IF NOT EXISTS`, and the runner makes the DROP replay safely (electron/core/db/replay-safe-drops.ts).
 */
export const migration: Migration = {
  version: 10,
  name: 'lean-changes',
  sql: `
DROP INDEX IF EXISTS changes_hlc_idx;
CREATE INDEX IF NOT EXISTS changes_stamp_idx ON changes (hlc);
`,
};
