/**
 * What the last page of a long paged read costs, OFFSET against keyset, on the
 * engine: a table of N rows read in pages of 500 by rowid (the backup restore,
 * the primary copy) and a fold table read newest first by (last_hlc, id) in
 * pages of 101 (the archived edits). A measurement, not a test:
 *
 *   npx tsx scripts/bench/paging-cost.ts [ROWS]   # default 50,000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReplica } from '../../electron/core/db/replica.js';
import type { Queryable, SqlValue } from '../../electron/core/db/database.js';

const PAGE = 500;
const FOLD_PAGE = 101;

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function seed(db: Queryable, rows: number): Promise<void> {
  await db.run('CREATE TABLE t (id TEXT PRIMARY KEY, payload TEXT NOT NULL)');
  await db.run('CREATE TABLE f (id TEXT PRIMARY KEY, last_hlc TEXT NOT NULL, fields TEXT NOT NULL)');
  for (let start = 0; start < rows; start += 1_000) {
    const n = Math.min(1_000, rows - start);
    const marks = Array.from({ length: n }, () => '(?, ?)').join(', ');
    const t: SqlValue[] = [];
    const f: SqlValue[] = [];
    for (let i = start; i < start + n; i++) {
      t.push(`r${String(i).padStart(8, '0')}`, `{"title":"Job ${i}","description":"${'x'.repeat(120)}"}`);
      // Ten folds a stamp: ties of last_hlc, broken by id.
      f.push(`f${String(i).padStart(8, '0')}`, String(1_700_000_000_000 + Math.floor(i / 10)).padStart(13, '0'));
    }
    await db.run(`INSERT INTO t (id, payload) VALUES ${marks}`, t);
    await db.run(`INSERT INTO f (id, last_hlc, fields) VALUES ${Array.from({ length: n }, () => "(?, ?, '{}')").join(', ')}`, f);
  }
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 50_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paging-cost-'));
  const replica = await openReplica({ path: path.join(dir, 'paging.db'), remote: () => null });
  try {
    const db = replica.db;
    await seed(db, rows);
    const lastOffset = Math.floor((rows - 1) / PAGE) * PAGE;
    const lastRowid = Number((await db.get<{ r: number }>(`SELECT rowid AS r FROM t ORDER BY rowid LIMIT 1 OFFSET ${lastOffset - 1}`))?.r);
    const firstOffset = await median(5, () => db.all(`SELECT * FROM t ORDER BY rowid LIMIT ${PAGE} OFFSET 0`));
    const offsetLast = await median(5, () => db.all(`SELECT * FROM t ORDER BY rowid LIMIT ${PAGE} OFFSET ${lastOffset}`));
    const keysetLast = await median(5, () => db.all(`SELECT rowid AS k, * FROM t WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`, [lastRowid]));
    const wholeOffset = await median(1, async () => {
      for (let offset = 0; ; offset += PAGE) if ((await db.all(`SELECT * FROM t ORDER BY rowid LIMIT ${PAGE} OFFSET ${offset}`)).length < PAGE) break;
    });
    const wholeKeyset = await median(1, async () => {
      let after = 0;
      for (;;) {
        const page = await db.all<{ k: number }>(`SELECT rowid AS k, * FROM t WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`, [after]);
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.k;
      }
    });

    const foldOffset = Math.floor((rows - 1) / (FOLD_PAGE - 1)) * (FOLD_PAGE - 1);
    const cursor = await db.get<{ last_hlc: string; id: string }>(`SELECT last_hlc, id FROM f ORDER BY last_hlc DESC, id DESC LIMIT 1 OFFSET ${foldOffset - 1}`);
    const foldOffsetLast = await median(5, () => db.all(`SELECT * FROM f ORDER BY last_hlc DESC, id DESC LIMIT ${FOLD_PAGE} OFFSET ${foldOffset}`));
    const foldKeysetLast = await median(5, () =>
      db.all(`SELECT * FROM f WHERE last_hlc <= ? AND (last_hlc < ? OR id < ?) ORDER BY last_hlc DESC, id DESC LIMIT ${FOLD_PAGE}`, [
        cursor!.last_hlc,
        cursor!.last_hlc,
        cursor!.id,
      ]),
    );
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`${rows} rows, pages of ${PAGE} by rowid (load ${os.loadavg()[0]!.toFixed(1)}):`);
    console.log(`  first page ${ms(firstOffset)}; last page OFFSET ${ms(offsetLast)}, keyset ${ms(keysetLast)} (${(offsetLast / keysetLast).toFixed(0)}x)`);
    console.log(`  every page: OFFSET ${ms(wholeOffset)}, keyset ${ms(wholeKeyset)} (${(wholeOffset / wholeKeyset).toFixed(1)}x)`);
    console.log(`${rows} folds (no index on last_hlc), pages of ${FOLD_PAGE} newest first:`);
    console.log(`  last page OFFSET ${ms(foldOffsetLast)}, keyset ${ms(foldKeysetLast)} (${(foldOffsetLast / foldKeysetLast).toFixed(1)}x)`);
  } finally {
    await replica.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
