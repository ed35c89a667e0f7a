/**
 * Damage that can be seen in the replica's files before the engine opens them.
 * This matters because the engine does not refuse some of it: with its sync
 * metadata (`-info`) gone or unreadable it bootstraps from the primary *over*
 * the local file, so unpushed edits vanish without a word, and a truncated
 * database file panics the native module. Found here, the files are salvaged
 * and rebuilt instead (workspace-sync.ts).
 */
import fs from 'node:fs';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const read = fs.readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** What is wrong with the database file itself (not a database, truncated), or null. */
export function databaseFileDamage(file: string): string | null {
  const size = sizeOf(file);
  if (size === null || size === 0) return 'the database file is missing';
  const head = readHead(file, 100);
  if (head.length < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) return 'the database file is not a database any more (overwritten or damaged)';
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'the database file has a damaged header';
  // The engine keeps the in-header page count current at every checkpoint (its "valid-for" counter is not maintained).
  const pageCount = head.readUInt32BE(28);
  if (size % pageSize !== 0 || size < pageCount * pageSize) {
    return 'the database file is shorter than it should be (truncated)';
  }
  return null;
}

function infoDamage(file: string): string | null {
  const size = sizeOf(file);
  if (size === null) return 'its sync metadata file is missing';
  if (size === 0) return 'its sync metadata file is empty';
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (info && typeof info === 'object' && typeof (info as { version?: unknown }).version === 'string') return null;
  } catch {
    // reported below
  }
  return 'its sync metadata file is damaged';
}

/**
 * A plain-words description of what is wrong with the replica's files, or
 * null when nothing is visibly wrong (or there is no replica yet).
 */
export function replicaFileDamage(replicaPath: string): string | null {
  const mainSize = sizeOf(replicaPath);
  const engineFiles = ['-info', '-changes'].filter((suffix) => sizeOf(`${replicaPath}${suffix}`) !== null);
  if (mainSize === null || mainSize === 0) {
    return engineFiles.length > 0 ? 'the database file is missing' : null;
  }
  return (
    databaseFileDamage(replicaPath) ??
    infoDamage(`${replicaPath}-info`) ??
    (sizeOf(`${replicaPath}-changes`) === null ? 'its local change-tracking file is missing' : null)
  );
}
