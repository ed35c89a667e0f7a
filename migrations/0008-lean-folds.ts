import type { Migration } from './types.js';

/**
 * Folds are written in the lean form (changes/fold-fields.ts: one entry per
 * winning change instead of a stamp and id per field). No table changes: the
 * version itself is the point. An older Fieldbook reads a lean fold as having
 * no winners, and its compactor would merge such a fold into a new one
 * without them and delete it; it checks the schema version after every pull,
 * before compacting, and stops with "update Fieldbook" once it sees this one.
 */
export const migration: Migration = {
  version: 8,
  name: 'lean-folds',
  sql: `
-- no schema change: see above
`,
};
