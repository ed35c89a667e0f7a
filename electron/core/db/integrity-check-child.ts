/**
 * Runs in its own process (plain Node, or Electron's utility process): opens a
 * replica local-only and reads it in ways that may make the native engine
 * abort (a corrupt page panics `pager.rs`, measured), so the app survives and
 * learns of it from this process's death. Prints one JSON line on stdout.
 *
 *   integrity-check-child check <replicaPath>
 *   integrity-check-child salvage <replicaPath> <scratchDir> <outFile> <deviceId> <entitiesJson>
 *
 * `salvage` runs the change-log export of a damaged replica (repair.ts) here
 * instead of in the app, for the same reason, and writes it to <outFile>.
 */
import fs from 'node:fs';
import { connect } from '@tursodatabase/sync';
import { EntityRegistry } from '../changes/entity.js';
import { salvageFromFiles } from '../sync/repair.js';
import { isCorruptionError } from './corruption-error.js';

export type ChildVerdict =
  | { result: 'ok'; ms: number }
  | { result: 'corrupt'; detail: string; ms: number }
  /** The check could not run for a reason that says nothing about the pages (e.g. the file is locked). */
  | { result: 'error'; detail: string; ms: number };

export interface SalvageOutcome {
  result: 'salvaged' | 'unreadable';
  ms: number;
}

interface Statement {
  all(): Promise<Record<string, unknown>[]>;
}

/**
 * `PRAGMA quick_check` walks every b-tree page of every table and index. It
 * found each 8 KiB overwrite tried (5 offsets × 2 seeds at 20,000 jobs, and the
 * ones that crash the app's search) at about a quarter of `integrity_check`'s
 * cost (100,000 jobs, 280 MB: ~1 s against ~4–5 s), which adds index-to-table
 * cross checks the app does not need to avoid a crash.
 */
const CHECK_SQL = 'PRAGMA quick_check';

async function check(replicaPath: string): Promise<ChildVerdict> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const database = await connect({ path: replicaPath, url: () => null });
    try {
      const stmt = (await database.prepare(CHECK_SQL)) as Statement;
      const rows = await stmt.all();
      const lines = rows.map((row) => String(Object.values(row)[0]));
      if (lines.length === 1 && lines[0] === 'ok') return { result: 'ok', ms: ms() };
      return { result: 'corrupt', detail: lines.slice(0, 5).join('; ').slice(0, 500), ms: ms() };
    } finally {
      await database.close().catch(() => undefined);
    }
  } catch (error) {
    const detail = (error as Error).message.replace(/^step failed:\s*/i, '').slice(0, 500);
    return isCorruptionError(error) ? { result: 'corrupt', detail, ms: ms() } : { result: 'error', detail, ms: ms() };
  }
}

async function salvage(args: string[]): Promise<SalvageOutcome> {
  const [replicaPath, scratchDir, outFile, deviceId, entitiesJson] = args;
  if (!replicaPath || !scratchDir || !outFile || !deviceId || !entitiesJson) throw new Error('salvage needs 5 arguments');
  const started = performance.now();
  const registry = new EntityRegistry();
  for (const { entity, table } of JSON.parse(entitiesJson) as { entity: string; table: string }[]) {
    registry.register({ entity, table, columns: {} });
  }
  const data = await salvageFromFiles(replicaPath, scratchDir, registry, deviceId);
  if (data) {
    fs.writeFileSync(outFile, JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
  }
  return { result: data ? 'salvaged' : 'unreadable', ms: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  let answer: ChildVerdict | SalvageOutcome;
  if (mode === 'check' && rest[0]) answer = await check(rest[0]);
  else if (mode === 'salvage') answer = await salvage(rest);
  else throw new Error(`usage: integrity-check-child check <replicaPath> | salvage …; got ${JSON.stringify(process.argv.slice(2))}`);
  // Exit once the line is out (pipes are asynchronous on some platforms): no native handle may keep a finished check alive.
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(answer)}\n`, () => resolve()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
