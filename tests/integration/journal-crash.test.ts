/**
 * The journal under SIGKILL: a laptop process creates jobs in a loop and is
 * killed at random moments, several times over the same files. Every edit it
 * reported as answered must be in the journal (a torn last record is cut, never
 * read as an edit), and after the replica then loses its WAL and sync metadata,
 * a restart must bring back every answered edit from the journal alone.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLICA_FILE } from '../../electron/core/app-core.js';
import { EditJournal, journalPath } from '../../electron/core/journal/edit-journal.js';
import { seededRandom } from '../../scripts/seeded-random.js';
import type { DomainSnapshot } from '../helpers/field-day.js';
import { runLaptop } from '../helpers/laptop-process.js';
import { waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const WRITER = path.join(import.meta.dirname, 'fixtures', 'journal-writer.ts');
const LAPTOP = path.join(import.meta.dirname, 'fixtures', 'damaged-laptop.ts');

/** Run the writer, kill it `delayMs` after its first answer; returns the ids it reported answered. */
async function writeUntilKilled(dataDir: string, delayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await waitFor('the writer to answer its first edit', () => output.includes('ANSWERED '), 45_000);
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // Only whole lines: the kill can cut the last one.
  return [...output.matchAll(/^ANSWERED ([0-9a-f-]{36})$/gm)].map((m) => m[1]!);
}

async function journaledJobIds(replicaPath: string): Promise<Set<string>> {
  const journal = await EditJournal.open(journalPath(replicaPath));
  try {
    return new Set(journal.records().filter((r) => r.entity === 'job').map((r) => r.entity_id));
  } finally {
    journal.close();
  }
}

describe('journal appends under SIGKILL', () => {
  it('every answered edit survives random kills, and comes back from the journal when the replica loses its WAL and metadata', async () => {
    const dataDir = tempDir('fieldbook-data-');
    const random = seededRandom(Number(process.env.FIELDBOOK_SEED ?? 20261201));
    const answered: string[] = [];
    let replicaPath = '';
    for (let round = 0; round < 3; round++) {
      answered.push(...(await writeUntilKilled(dataDir, 150 + Math.floor(random() * 700))));
      const [workspace] = fs.readdirSync(path.join(dataDir, 'workspaces'));
      replicaPath = path.join(dataDir, 'workspaces', workspace!, REPLICA_FILE);
      const journaled = await journaledJobIds(replicaPath);
      expect(answered.filter((id) => !journaled.has(id))).toEqual([]);
    }
    expect(answered.length).toBeGreaterThan(20);

    // The edits now exist only in the journal: the WAL held them, and the metadata is gone too.
    fs.rmSync(`${replicaPath}-wal`, { force: true });
    fs.rmSync(`${replicaPath}-info`);
    const reopened = (await runLaptop<{ snapshot: DomainSnapshot; noticeAtStart: string | null }>(LAPTOP, ['open', dataDir, 'http://127.0.0.1:9'])).result;
    const present = new Set((reopened.snapshot.jobs as { id: string }[]).map((j) => j.id));
    expect(answered.filter((id) => !present.has(id))).toEqual([]);
    expect(reopened.noticeAtStart).toMatch(/damaged/);
  });
});
