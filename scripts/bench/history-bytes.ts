/**
 * Where a generated primary's bytes are: per table and per index (SQLite's
 * `dbstat`), free pages, and the rows of `changes` and `change_folds` with
 * their average sizes. A new laptop downloads every page of the primary, free
 * ones included, so this is the download broken down.
 *
 *   npx tsx scripts/bench/history-bytes.ts generate DIR [JOBS] [HISTORY] [FOLD_EVERY_DAYS]   # compacted, as the bench makes it
 *   npx tsx scripts/bench/history-bytes.ts analyse FILE                     # an existing file (its -wal read too)
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { SETTLE_DAYS, SETTLE_ROWS } from '../../electron/core/sync/compaction-runner.js';
import { encodeHlc } from '../../shared/hlc.js';
import { BENCH_COMPACTOR, compactionFold, RETENTION_DAYS } from './fold-step.js';
import { defaultShape, generatePrimary } from './history-gen.js';

const MB = 1024 * 1024;

export interface ByteBreakdown {
  pageSize: number;
  pages: number;
  freePages: number;
  /** name → bytes of its pages (tables and indexes, sqlite_autoindex_* included). */
  objects: Record<string, { pages: number; bytes: number; payload: number }>;
  changes: { rows: number; avgRowBytes: number; avgFieldsBytes: number };
  folds: { rows: number; avgRowBytes: number; avgFieldsBytes: number; avgArchiveBytes: number; records: number; maxPerRecord: number };
}

export function analyse(file: string): ByteBreakdown {
  const sqlite = new Database(file);
  try {
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const pages = Number(sqlite.pragma('page_count', { simple: true }));
    const freePages = Number(sqlite.pragma('freelist_count', { simple: true }));
    const objects: ByteBreakdown['objects'] = {};
    const rows = sqlite.prepare('SELECT name, count(*) AS pages, sum(payload) AS payload FROM dbstat GROUP BY name ORDER BY count(*) DESC').all() as {
      name: string;
      pages: number;
      payload: number;
    }[];
    for (const row of rows) objects[row.name] = { pages: row.pages, bytes: row.pages * pageSize, payload: row.payload };
    const changes = sqlite
      .prepare(
        `SELECT count(*) AS rows, avg(length(id) + length(entity) + length(entity_id) + length(kind) + length(hlc) + length(device_id) + length(actor) + length(fields) + length(created_at)) AS row, avg(length(fields)) AS f FROM changes`,
      )
      .get() as { rows: number; row: number | null; f: number | null };
    const folds = sqlite
      .prepare(
        `SELECT count(*) AS rows, avg(length(id) + length(entity) + length(entity_id) + length(device_id) + length(fields) + length(first_hlc) + length(last_hlc) + length(archive) + length(created_at) + 3) AS row,
                avg(length(fields)) AS f, avg(length(archive)) AS a, count(DISTINCT entity || ':' || entity_id) AS records FROM change_folds`,
      )
      .get() as { rows: number; row: number | null; f: number | null; a: number | null; records: number };
    const most = sqlite.prepare('SELECT max(n) AS n FROM (SELECT count(*) AS n FROM change_folds GROUP BY entity, entity_id)').get() as { n: number | null };
    return {
      pageSize,
      pages,
      freePages,
      objects,
      changes: { rows: changes.rows, avgRowBytes: Math.round(changes.row ?? 0), avgFieldsBytes: Math.round(changes.f ?? 0) },
      folds: {
        rows: folds.rows,
        avgRowBytes: Math.round(folds.row ?? 0),
        avgFieldsBytes: Math.round(folds.f ?? 0),
        avgArchiveBytes: Math.round(folds.a ?? 0),
        records: folds.records,
        maxPerRecord: most.n ?? 0,
      },
    };
  } finally {
    sqlite.close();
  }
}

export function printBreakdown(b: ByteBreakdown): void {
  const total = b.pages * b.pageSize;
  console.log(`database ${(total / MB).toFixed(1)} MB = ${b.pages} pages of ${b.pageSize} B; free ${b.freePages} pages (${((b.freePages * b.pageSize) / MB).toFixed(1)} MB)`);
  for (const [name, o] of Object.entries(b.objects)) {
    if (o.bytes < 0.05 * MB) continue;
    console.log(`  ${name.padEnd(34)} ${(o.bytes / MB).toFixed(1).padStart(7)} MB  (${o.pages} pages, payload ${(o.payload / MB).toFixed(1)} MB)`);
  }
  console.log(`changes: ${b.changes.rows} rows, ~${b.changes.avgRowBytes} B a row (fields ${b.changes.avgFieldsBytes} B)`);
  console.log(
    `change_folds: ${b.folds.rows} rows for ${b.folds.records} records (at most ${b.folds.maxPerRecord} per record), ~${b.folds.avgRowBytes} B a row (fields ${b.folds.avgFieldsBytes} B, archive ${b.folds.avgArchiveBytes} B)`,
  );
}

async function main(): Promise<void> {
  const [mode, target, jobsArg, historyArg, everyArg] = process.argv.slice(2);
  if (mode === 'analyse' && target) {
    printBreakdown(analyse(target));
    return;
  }
  if (mode !== 'generate' || !target) throw new Error('usage: history-bytes.ts generate DIR [JOBS] [HISTORY] | analyse FILE');
  fs.mkdirSync(target, { recursive: true });
  const file = path.join(target, 'primary.db');
  const shape = defaultShape(Number(jobsArg ?? 50_000), Number(historyArg ?? 40));
  const steps: { folds: number }[] = [];
  const generated = await generatePrimary(file, shape, {
    fold: {
      retentionDays: RETENTION_DAYS,
      everyDays: everyArg ? Number(everyArg) : undefined,
      step: async (db, cutoff) => {
        const before = Number((await db.get<{ n: number }>('SELECT count(*) AS n FROM change_folds'))?.n ?? 0);
        // HISTORY_BYTES_ARCHIVE=1: fold as the app does, naming archive objects (their bodies are dropped: only the keys matter here).
        // HISTORY_BYTES_SETTLE=0: without the runner's settle rule (every due row folded at once).
        if (process.env.HISTORY_BYTES_ARCHIVE === '1') {
          const cutoffMs = Number(cutoff.slice(0, 13));
          const settle = { rows: SETTLE_ROWS, beforeStamp: encodeHlc({ wallMs: Math.max(0, cutoffMs - SETTLE_DAYS * 86_400_000), counter: 0, deviceId: '' }) };
          await compactHistory(db, {
            cutoffStamp: cutoff,
            deviceId: BENCH_COMPACTOR,
            archive: { put: async () => undefined, get: async () => null },
            settle: process.env.HISTORY_BYTES_SETTLE === '0' ? undefined : settle,
          });
        }
        else await compactionFold(db, cutoff);
        const after = Number((await db.get<{ n: number }>('SELECT count(*) AS n FROM change_folds'))?.n ?? 0);
        steps.push({ folds: after - before });
      },
    },
    onMonth: (month, months) => console.error(`month ${month}/${months} ${new Date().toISOString()}`),
  });
  console.log(
    `generated in ${(generated.generateMs / 1000).toFixed(0)} s: ${generated.changesWritten} changes written, ${generated.changesLeft} left; ${generated.freePages} free pages; ${steps.length} fold steps, net folds added per step: ${steps.length > 40 ? `${steps.reduce((n, s) => n + s.folds, 0)} in all` : steps.map((s) => s.folds).join(' ')}`,
  );
  printBreakdown(analyse(file));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
