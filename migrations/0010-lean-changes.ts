import type { Migration } from './types.js';

/**
 * Change rows are written without the `updatedAt` and `updatedBy` entries in `fields` that repeated their
 * own `created_at` and `actor` columns (~60 B of a ~300 B row, which every new laptop downloads for the
 * whole retention window). Every reader takes them from those columns when absent (changes/projection.ts
 * `parseFields`); rows written before keep them and read as before.
 *
 * No table changes: the version itself is the point, as in migration 8. An older Fieldbook projects such a
 * change without its updatedAt/updatedBy, and its compactor would fold it so, losing them; it checks the
 * schema version after every pull, before compacting, and stops with "update Fieldbook" once it sees this one.
 */
export const migration: Migration = {
  version: 10,
  name: 'lean-changes',
  sql: `
-- no schema change: see above
`,
};
