import type { Migration } from './types.js';

/**
 * The workspace activity feed pages the whole change log newest first by clock
 * stamp (`activity.list`, keyset on hlc and id); without this index every page
 * sorted the whole log.
 */
export const migration: Migration = {
  version: 4,
  name: 'activity',
  sql: `
CREATE INDEX IF NOT EXISTS changes_hlc_idx ON changes (hlc, id);
`,
};
