/**
 * "No edit lost, whatever happens to the replica's files." A laptop syncs some
 * work, makes offline edits of every kind, and its files are then damaged in
 * each way seen in the field. Restarted (in a child process: a damaged file
 * can make the native engine abort its process) online or offline
 * (then online), every offline edit must end on the real primary exactly once,
 * the laptop must have been told, its rows must be what they were, the edit
 * journal must be trimmed once the primary holds everything, and another
 * laptop must converge to the same rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, primarySql } from '../../electron/core/primary/local-primary.js';
import { REPLICA_FILE } from '../../electron/core/app-core.js';
import { REPLICA_FILE_SUFFIXES } from '../../electron/core/db/replica.js';
import { seededRandom } from '../../scripts/seeded-random.js';
import { closeCore, startTestCore } from '../helpers/core.js';
import { domainSnapshot, workThenGoOffline, type DomainSnapshot } from '../helpers/field-day.js';
import { runLaptop } from '../helpers/laptop-process.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const LAPTOP = path.join(import.meta.dirname, 'fixtures', 'damaged-laptop.ts');

interface WorkResult {
  offline: string[];
  snapshot: DomainSnapshot;
  replica: string;
}

interface OpenResult {
  noticeAtStart: string | null;
  state: string;
  own: string[];
  snapshot: DomainSnapshot;
  journalRecords: number;
}

type Damage = (replica: string) => void;

/** Garbage that is the same on every run, so a failure replays. */
function garbage(bytes: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

function overwriteMiddle(file: string): void {
  const size = fs.statSync(file).size;
  const at = Math.floor(size / 2 / 4096) * 4096;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, garbage(8192, 8), 0, 8192, at);
  } finally {
    fs.closeSync(fd);
  }
}

const DAMAGES: [string, Damage, { crash: boolean }][] = [
  ['sync metadata (-info) deleted', (f) => fs.rmSync(`${f}-info`), { crash: false }],
  ['sync metadata (-info) emptied', (f) => fs.writeFileSync(`${f}-info`, ''), { crash: false }],
  ['sync metadata (-info) garbage', (f) => fs.writeFileSync(`${f}-info`, garbage(600, 6)), { crash: false }],
  ['change tracking (-changes) deleted', (f) => fs.rmSync(`${f}-changes`), { crash: false }],
  ['-info and -changes deleted', (f) => (fs.rmSync(`${f}-info`), fs.rmSync(`${f}-changes`)), { crash: false }],
  ['database file truncated', (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2 / 4096) * 4096 + 1000), { crash: false }],
  ['8 KiB overwritten in the middle of the database file', overwriteMiddle, { crash: false }],
  ['database file replaced by garbage', (f) => fs.writeFileSync(f, garbage(fs.statSync(f).size, 9)), { crash: false }],
  ['WAL deleted after a crash', (f) => fs.rmSync(`${f}-wal`), { crash: true }],
  ['every replica file deleted (only the journal is left)', (f) => REPLICA_FILE_SUFFIXES.forEach((s) => fs.rmSync(`${f}${s}`, { force: true })), { crash: false }],
];

const CASES = DAMAGES.flatMap(([name, damage, options]) =>
  (['online', 'offline'] as const).map((start) => [name, start, damage, options] as const),
);

/** The day of work in this process (nothing crashes there); with `crash`, in a child that is SIGKILLed after its edits. */
async function work(dataDir: string, primaryUrl: string, crash: boolean): Promise<WorkResult> {
  if (crash) return (await runLaptop<WorkResult>(LAPTOP, ['work', dataDir, primaryUrl, 'crash'], { killAtReady: true })).result;
  const core = await startTestCore({ dataDir, primaryUrl });
  const offline = await workThenGoOffline(core, async () => {
    await waitFor('the synced work to reach the primary', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
  });
  const snapshot = await domainSnapshot(core);
  const replica = path.join(core.settings.workspaceDir(core.settings.current.currentWorkspaceId), REPLICA_FILE);
  await closeCore(core);
  return { offline, snapshot, replica };
}

async function onPrimary(url: string, ids: string[]): Promise<Map<string, number>> {
  const rows = await primarySql(url, `SELECT id, count(*) FROM changes WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')}) GROUP BY id`);
  return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
}

describe('no edit lost, whatever happens to the replica files', () => {
  it.each(CASES)('%s, restarted %s', async (_name, start, damage, { crash }) => {
    const primary = await startPrimary();
    const dataDir = tempDir('fieldbook-data-');
    const before = await work(dataDir, primary.url, crash);
    expect(before.offline.length).toBeGreaterThanOrEqual(8);
    damage(before.replica);

    if (start === 'offline') {
      const unreachable = `http://127.0.0.1:${await freePort()}`;
      const offline = (await runLaptop<OpenResult>(LAPTOP, ['open', dataDir, unreachable])).result;
      expect(offline.state).toBe('offline');
      // Kept locally, and the worker is told, before the primary is ever reached.
      expect(offline.own).toEqual(expect.arrayContaining(before.offline));
      expect(offline.noticeAtStart).toMatch(/damaged|restored|rebuilt/);
    }

    const online = (await runLaptop<OpenResult>(LAPTOP, ['open', dataDir, primary.url])).result;
    expect(online.state).toBe('up_to_date');
    if (start === 'online') expect(online.noticeAtStart).toMatch(/damaged|restored|rebuilt/);
    expect(online.own).toEqual(expect.arrayContaining(before.offline));
    expect(online.snapshot).toEqual(before.snapshot);
    expect(online.journalRecords).toBe(0);

    const counts = await onPrimary(primary.url, before.offline);
    expect(before.offline.filter((id) => counts.get(id) !== 1)).toEqual([]);
    const duplicates = await primarySql(primary.url, 'SELECT id FROM changes GROUP BY id HAVING count(*) > 1');
    expect(duplicates).toEqual([]);

    const other = await startTestCore({ primaryUrl: primary.url });
    await waitFor('the other laptop to converge', async () => {
      const status = other.sync.status;
      if (status.state !== 'up_to_date') return false;
      return JSON.stringify(await domainSnapshot(other)) === JSON.stringify(online.snapshot);
    });
    expect(await domainSnapshot(other)).toEqual(before.snapshot);
  });
});
