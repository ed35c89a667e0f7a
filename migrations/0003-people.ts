import type { Migration } from './types.js';

/**
 * A job's assignee as a person, not only a name: `assignee_id` is the stable id
 * of the worker's profile (their device id), so "assigned to me" survives a
 * rename. The name stays in `assignee` (shown, and used for free-text entries).
 * The covering index answers the people picker's distinct (name, id) pairs.
 */
export const migration: Migration = {
  version: 3,
  name: 'people',
  sql: `
ALTER TABLE jobs ADD COLUMN assignee_id TEXT;
CREATE INDEX IF NOT EXISTS jobs_assignee_id_idx ON jobs (assignee_id, created_at);
CREATE INDEX IF NOT EXISTS jobs_people_idx ON jobs (assignee, assignee_id, deleted_at);
`,
};
