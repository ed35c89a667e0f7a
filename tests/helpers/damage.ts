/** Damage as field laptops meet it, done to a workspace's files by tests. */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../scripts/seeded-random.js';

/** The open workspace's folder in a data dir (settings.json names it). */
export function workspaceDir(dataDir: string): string {
  const settings = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { currentWorkspaceId: string };
  return path.join(dataDir, 'workspaces', settings.currentWorkspaceId);
}

/** Overwrites 8 KiB (two pages) at each fraction of the file with seeded random bytes, as outside testing did (middle). */
export function overwritePages(file: string, fractions: readonly number[] = [0.5], seed = 7): void {
  const size = fs.statSync(file).size;
  const rand = seededRandom(seed);
  const fd = fs.openSync(file, 'r+');
  try {
    for (const fraction of fractions) {
      const offset = Math.floor((size * fraction) / 4096) * 4096;
      const bytes = Buffer.from(Array.from({ length: 8192 }, () => Math.floor(rand() * 256)));
      fs.writeSync(fd, bytes, 0, bytes.length, offset);
    }
  } finally {
    fs.closeSync(fd);
  }
}
