import type { Migration } from './types.js';

/**
 * Compaction (see electron/core/changes/compaction.ts): `change_folds` is
 * insert-only like `changes`, and each row has a fresh UUIDv7 id, so Turso's
 * last-push-wins per column never applies to it. One fold stands for the
 * change rows (and older folds) of one record it replaced: per field, the
 * winning value with its stamp and change id (`fields`, JSON
 * `{field: [value, hlc, changeId]}`), the record's first and newest folded
 * stamps, whether a create was folded, the total weight (changes it stands
 * for, for the "primary lost data" check) and the archive objects holding the
 * full folded change rows (`archive`, JSON array of keys).
 */
export const migration: Migration = {
  version: 6,
  name: 'change-folds',
  sql: `
CREATE TABLE IF NOT EXISTS change_folds (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  has_create INTEGER NOT NULL,
  first_hlc TEXT NOT NULL,
  last_hlc TEXT NOT NULL,
  weight INTEGER NOT NULL,
  archive TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS change_folds_entity_idx ON change_folds (entity_id, entity);
`,
};
