/**
 * Where compaction keeps the full change rows it folds: immutable objects
 * named by their content's sha256 (gzip JSON lines, one change row a line), in
 * the workspace's object store beside the photos. Writing one twice writes the
 * same object, so a compaction retried after a fault costs nothing extra.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ObjectStore } from '../blobs/object-store.js';
import type { ChangeRow } from './projection.js';

export interface HistoryArchive {
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's bytes, or null when the archive does not have it. */
  get(key: string): Promise<Buffer | null>;
}

const KEY_PATTERN = /^history\/[0-9a-f]{64}\.jsonl\.gz$/;

export function archiveInObjectStore(store: ObjectStore): HistoryArchive {
  return {
    put: (key, body) => store.put(key, body, 'application/gzip'),
    get: (key) => store.get(key),
  };
}

export function encodeArchive(rows: readonly ChangeRow[]): { key: string; body: Buffer } {
  const body = gzipSync(Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n'), 'utf8'));
  // The key hashes the rows, not the gzip bytes: the same rows get the same key on every laptop.
  const sha = createHash('sha256').update(rows.map((row) => JSON.stringify(row)).join('\n')).digest('hex');
  return { key: `history/${sha}.jsonl.gz`, body };
}

const text = (v: unknown) => typeof v === 'string';

/** An archived object that is not what its name says (damaged, substituted, not ours): reading it again will not help. */
export class ArchiveIntegrityError extends Error {}

export function decodeArchive(key: string, body: Buffer): ChangeRow[] {
  let lines: string[];
  try {
    lines = gunzipSync(body).toString('utf8').split('\n').filter((line) => line.length > 0);
  } catch (error) {
    throw new ArchiveIntegrityError(`archived history ${key} is not gzip: ${(error as Error).message}`);
  }
  return lines.map((line, i) => {
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new ArchiveIntegrityError(`archived history ${key} line ${i + 1} is not JSON`);
    }
    const keys = ['id', 'entity', 'entity_id', 'kind', 'hlc', 'device_id', 'actor', 'fields', 'created_at'] as const;
    if (!keys.every((k) => text(row[k]))) throw new ArchiveIntegrityError(`archived history ${key} line ${i + 1} is not a change row`);
    return row as unknown as ChangeRow;
  });
}

/**
 * An archived object's rows, checked against its name: the key is the sha256 of the rows' text, so a
 * damaged or substituted object is refused rather than shown as history.
 */
export function verifiedArchive(key: string, body: Buffer): ChangeRow[] {
  const match = /^history\/([0-9a-f]{64})\.jsonl\.gz$/.exec(key);
  if (!match) throw new Error(`"${key}" is not an archived-history key`);
  let text: Buffer;
  try {
    text = gunzipSync(body);
  } catch (error) {
    throw new ArchiveIntegrityError(`archived history ${key} is not gzip: ${(error as Error).message}`);
  }
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== match[1]) throw new ArchiveIntegrityError(`archived history ${key} does not match its name (its content hashes to ${sha})`);
  return decodeArchive(key, body);
}

/**
 * The archived change rows of one record from the given objects, each checked against its name
 * (`verifiedArchive`); a key the archive lacks, or an object that does not match its name, is an error naming it.
 */
export async function fetchArchived(archive: HistoryArchive, keys: readonly string[], entity: string, entityId: string): Promise<ChangeRow[]> {
  const rows = new Map<string, ChangeRow>();
  for (const key of keys) {
    if (!KEY_PATTERN.test(key)) throw new Error(`"${key}" is not an archived-history key`);
    const body = await archive.get(key);
    if (!body) throw new Error(`the archive has no object ${key}`);
    for (const row of verifiedArchive(key, body)) if (row.entity === entity && row.entity_id === entityId) rows.set(row.id, row);
  }
  return [...rows.values()];
}
