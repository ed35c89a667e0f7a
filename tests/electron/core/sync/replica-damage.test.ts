/**
 * Damage visible before the engine opens the files: a real local-only replica
 * in a temp dir, then each file harmed the way the field saw it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { databaseFileDamage, replicaFileDamage } from '../../../../electron/core/sync/replica-damage.js';
import { tempDir } from '../../../helpers/temp-dir.js';

async function closedReplica(): Promise<string> {
  const file = path.join(tempDir('fieldbook-replica-'), 'fieldbook.db');
  const replica = await openReplica({ path: file, remote: () => null });
  await replica.db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)');
  for (let i = 0; i < 50; i++) await replica.db.run('INSERT INTO t VALUES (?, ?)', [`row-${i}`, 'x'.repeat(500)]);
  await replica.checkpoint();
  await replica.close();
  return file;
}

describe('replica file damage seen before opening', () => {
  it('finds nothing wrong with intact files, or with no replica at all', async () => {
    expect(replicaFileDamage(await closedReplica())).toBeNull();
    expect(replicaFileDamage(path.join(tempDir(), 'fieldbook.db'))).toBeNull();
  });

  it.each([
    ['-info deleted', (f: string) => fs.rmSync(`${f}-info`), /sync metadata file is missing/],
    ['-info emptied', (f: string) => fs.writeFileSync(`${f}-info`, ''), /sync metadata file is empty/],
    ['-info garbage', (f: string) => fs.writeFileSync(`${f}-info`, '{"vers'), /sync metadata file is damaged/],
    ['-changes deleted', (f: string) => fs.rmSync(`${f}-changes`), /change-tracking file is missing/],
    ['database truncated', (f: string) => fs.truncateSync(f, fs.statSync(f).size - 4096), /truncated/],
    ['database cut mid-page', (f: string) => fs.truncateSync(f, fs.statSync(f).size - 100), /truncated/],
    ['database replaced', (f: string) => fs.writeFileSync(f, 'not a database'), /not a database/],
    ['database deleted, metadata left', (f: string) => fs.rmSync(f), /database file is missing/],
  ])('%s', async (_name, damage, expected) => {
    const file = await closedReplica();
    damage(file);
    expect(replicaFileDamage(file)).toMatch(expected);
  });

  it('salvage is skipped for a database file that would hang or crash the engine', async () => {
    const file = await closedReplica();
    expect(databaseFileDamage(file)).toBeNull();
    fs.truncateSync(file, 8192);
    expect(databaseFileDamage(file)).toMatch(/truncated/);
  });
});
