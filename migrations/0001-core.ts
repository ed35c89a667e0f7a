import type { Migration } from './types.js';

/**
 * The change log and jobs. `changes` is insert-only: every edit on every device
 * lands there with its clock stamp, so conflicting edits can be resolved by edit
 * time and no overwritten value is ever lost. Domain tables hold the current
 * projection of that log.
 */
export const migration: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE IF NOT EXISTS changes (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  fields TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_entity_idx ON changes (entity_id, hlc);

CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  site_id TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  status TEXT NOT NULL DEFAULT 'open',
  assignee TEXT,
  due_date TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_created_idx ON jobs (created_at, id);
CREATE INDEX IF NOT EXISTS jobs_status_due_idx ON jobs (status, due_date);
`,
};
