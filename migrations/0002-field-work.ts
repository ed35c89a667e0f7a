import type { Migration } from './types.js';

/**
 * Sites, checklist templates, inspections and job timelines, plus the job
 * indexes that keep search, filters and every sort fast at 100,000 jobs
 * (the two expression indexes match the sort keys in job-queries.ts exactly).
 * Every table carries the same who/when/tombstone stamps as jobs and is
 * written through the change log only.
 */
export const migration: Migration = {
  version: 2,
  name: 'field-work',
  sql: `
CREATE TABLE IF NOT EXISTS sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  latitude REAL,
  longitude REAL,
  contact TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS sites_name_idx ON sites (name, id);

CREATE TABLE IF NOT EXISTS checklist_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE IF NOT EXISTS inspections (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  template_id TEXT NOT NULL,
  template_name TEXT NOT NULL,
  signed_off_at TEXT,
  signed_off_by TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS inspections_job_idx ON inspections (job_id);

CREATE TABLE IF NOT EXISTS inspection_items (
  id TEXT PRIMARY KEY,
  inspection_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  result TEXT,
  comment TEXT NOT NULL DEFAULT '',
  measurement REAL,
  unit TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS inspection_items_parent_idx ON inspection_items (inspection_id, position);

CREATE TABLE IF NOT EXISTS job_notes (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS job_notes_job_idx ON job_notes (job_id, created_at, id);

CREATE INDEX IF NOT EXISTS jobs_due_idx ON jobs (due_date, id);
CREATE INDEX IF NOT EXISTS jobs_due_sort_idx ON jobs (COALESCE(due_date, '9999-12-31'), id);
CREATE INDEX IF NOT EXISTS jobs_priority_sort_idx ON jobs ((CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END), id);
CREATE INDEX IF NOT EXISTS jobs_updated_idx ON jobs (updated_at, id);
CREATE INDEX IF NOT EXISTS jobs_title_idx ON jobs (title, id);
CREATE INDEX IF NOT EXISTS jobs_site_idx ON jobs (site_id, created_at);
CREATE INDEX IF NOT EXISTS jobs_assignee_idx ON jobs (assignee, created_at);
CREATE INDEX IF NOT EXISTS jobs_priority_idx ON jobs (priority, created_at);
`,
};
