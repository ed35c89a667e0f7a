import type { Migration } from './types.js';

/**
 * Photos and signatures. `attachments` is a synced record like any other
 * (written through the change log): what is attached to what, the original's
 * sha256 (its key in the object store and in the local blob folder), and
 * what the worker sees. The original never enters the replica: every replica
 * downloads every blob, so only a small thumbnail does.
 *
 * `attachment_thumbnails` is insert-only and its `id` is the attachment's own id
 * (a UUIDv7, unique across laptops), like `changes`: a thumbnail is derived
 * once from immutable content and never edited, so it has nothing to resolve
 * and stays out of the change log, whose `fields` are JSON (a BLOB there would
 * be stored twice, as text).
 */
export const migration: Migration = {
  version: 5,
  name: 'attachments',
  sql: `
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  job_id TEXT NOT NULL,
  owner_type TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  taken_at TEXT,
  latitude REAL,
  longitude REAL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS attachments_job_idx ON attachments (job_id, created_at, id);
CREATE INDEX IF NOT EXISTS attachments_owner_idx ON attachments (owner_id, owner_type);
CREATE INDEX IF NOT EXISTS attachments_sha_idx ON attachments (sha256);

CREATE TABLE IF NOT EXISTS attachment_thumbnails (
  id TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  data BLOB NOT NULL
);
`,
};
