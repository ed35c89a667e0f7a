/**
 * Originals on this laptop, content-addressed: `<dir>/<first two hex>/<sha256>`.
 * A file is written to a temp name, fsynced and renamed, so a crash leaves
 * either the whole blob or none; reads check the hash, so a truncated or
 * damaged file is reported as missing (and removed) instead of shown.
 * Files are 0600 and folders 0700, like everything else in the data folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs/private-files.js';

export const BLOB_DIR = 'blobs';
const HASH = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function assertHash(hash: string): void {
  if (!HASH.test(hash)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(hash)}`);
}

export interface BlobEntry {
  hash: string;
  size: number;
  /** Last write or read (reads touch the file), for oldest-first eviction. */
  usedAtMs: number;
}

export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(hash: string): string {
    assertHash(hash);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return fs.existsSync(this.pathOf(hash));
  }

  /** Stores `bytes` under their hash (a no-op when that blob is already here and whole). */
  async put(bytes: Uint8Array, expectedHash?: string): Promise<string> {
    const hash = sha256Hex(bytes);
    if (expectedHash !== undefined && hash !== expectedHash) {
      throw new Error(`blob content does not match its hash: expected ${expectedHash}, got ${hash}`);
    }
    if ((await this.read(hash)) !== null) return hash;
    const file = this.pathOf(hash);
    makePrivateDir(path.dirname(file));
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    const handle = await fs.promises.open(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
    await syncDir(path.dirname(file));
    return hash;
  }

  /**
   * The blob's bytes, or null when it is not here. A file whose content no
   * longer matches its name (truncated, damaged) is deleted and reported as
   * missing, so the caller fetches it again.
   */
  async read(hash: string): Promise<Buffer | null> {
    const file = this.pathOf(hash);
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (sha256Hex(bytes) !== hash) {
      await fs.promises.rm(file, { force: true });
      return null;
    }
    const now = new Date();
    await fs.promises.utimes(file, now, now).catch(() => undefined);
    return bytes;
  }

  async remove(hash: string): Promise<void> {
    await fs.promises.rm(this.pathOf(hash), { force: true });
  }

  /** Every blob here (temp files of an interrupted write are removed). */
  async list(): Promise<BlobEntry[]> {
    const entries: BlobEntry[] = [];
    let shards: string[];
    try {
      shards = await fs.promises.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return entries;
      throw error;
    }
    for (const shard of shards) {
      const shardDir = path.join(this.dir, shard);
      let names: string[];
      try {
        names = await fs.promises.readdir(shardDir);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(shardDir, name);
        if (name.includes('.tmp-')) {
          await fs.promises.rm(file, { force: true });
          continue;
        }
        if (!HASH.test(name)) continue;
        const stat = await fs.promises.stat(file).catch(() => null);
        if (stat) entries.push({ hash: name, size: stat.size, usedAtMs: stat.mtimeMs });
      }
    }
    return entries;
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open folders and needs no such step. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
