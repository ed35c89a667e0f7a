/**
 * The browser host's save target: a page cannot be shown a save dialog by main,
 * and must never name a path, so exports go into a private folder under the
 * data directory under a random name, and the page downloads them once from
 * /downloads/<token> (host-server.ts), after which the file is removed.
 * Tokens live in memory only, so a file never fetched (the tab was closed, the
 * host stopped) could never be fetched later: at start, files older than
 * DOWNLOAD_LIFETIME_MS are removed. Younger ones are left, in case another
 * host on the same workspace is still about to hand them out.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ChosenFile, SaveRequest, SaveTarget } from '../features/reports/save-target.js';
import { EXTENSIONS } from '../features/reports/save-target.js';

export const DOWNLOAD_PREFIX = '/downloads/';

/** How long an export waits in the folder for its download. */
export const DOWNLOAD_LIFETIME_MS = 60 * 60_000;

interface Pending {
  file: string;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

export class DownloadFolder implements SaveTarget {
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly dir: string,
    nowMs: number = Date.now(),
  ) {
    this.removeStale(nowMs);
  }

  /** Removes the files (exports and any temp file a crash left) last written over a lifetime before `nowMs`; returns how many. */
  removeStale(nowMs: number): number {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(this.dir, { withFileTypes: true });
    } catch {
      return 0; // no folder yet: nothing was ever exported here
    }
    let removed = 0;
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(this.dir, entry.name);
      try {
        if (nowMs - fs.statSync(file).mtimeMs <= DOWNLOAD_LIFETIME_MS) continue;
        fs.rmSync(file, { force: true });
        removed += 1;
      } catch {
        // Gone already, or not ours to remove: the next start tries again.
      }
    }
    return removed;
  }

  async choose(request: SaveRequest): Promise<ChosenFile> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `${token}.${EXTENSIONS[request.kind]}`);
    this.pending.set(token, { file, fileName: request.suggestedName, contentType: CONTENT_TYPES[request.kind] });
    return { path: file, fileName: request.suggestedName, downloadUrl: `${DOWNLOAD_PREFIX}${token}` };
  }

  /** The waiting file for a request path, handed out once; null for an unknown, used or unwritten token. */
  take(urlPath: string): Pending | null {
    if (!urlPath.startsWith(DOWNLOAD_PREFIX)) return null;
    const token = urlPath.slice(DOWNLOAD_PREFIX.length);
    const entry = /^[0-9a-f]{32}$/.test(token) ? this.pending.get(token) : undefined;
    if (!entry || !fs.existsSync(entry.file)) return null;
    this.pending.delete(token);
    return entry;
  }
}

/** Content-Disposition for any file name: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // RFC 5987 leaves ' ( ) * out of a value; encodeURIComponent does not escape them.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
