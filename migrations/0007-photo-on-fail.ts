import type { Migration } from './types.js';

/**
 * A checklist item can require a photo when it fails. The template keeps the
 * labels of such items (a JSON array beside `items`, so an older Fieldbook that
 * reads only `items` still sees every item); an inspection copies the flag
 * onto each of its items when it starts, like the labels, so later template
 * edits never change a checklist already under way.
 */
export const migration: Migration = {
  version: 7,
  name: 'photo-on-fail',
  sql: `
ALTER TABLE checklist_templates ADD COLUMN photo_on_fail TEXT NOT NULL DEFAULT '[]';
ALTER TABLE inspection_items ADD COLUMN photo_on_fail INTEGER NOT NULL DEFAULT 0;
`,
};
