import fs from 'node:fs';
import path from 'node:path';
import { connect } from '@tursodatabase/sync';
import { MIGRATIONS } from '/work/wt/history-bench/migrations/index.ts';
const [mode, url, dir] = process.argv.slice(2) as [string, string, string];
fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'r.db');
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const sizes = () => Object.fromEntries(['', '-wal', '-info', '-changes', '-wal-revert'].map((s) => [s || '.db', fs.existsSync(file + s) ? +(fs.statSync(file + s).size / 1048576).toFixed(1) : 0]));
let target: string | null = mode === 'bootstrap' ? url : null;
const t0 = Date.now();
const db = await connect({ path: file, url: mode === 'bootstrap' ? url : () => target, clientName: 'exp' } as never) as any;
if (mode !== 'bootstrap') {
  if (mode === 'localfirst-ddl') for (const m of MIGRATIONS) await db.exec(m.sql);
  console.log('opened local', sizes());
  target = url;
  await db.pull();
}
const t1 = Date.now();
const n = await (await db.prepare('SELECT count(*) AS n FROM changes')).get();
console.log(mode, 'ms', t1 - t0, 'rows', JSON.stringify(n), 'hwmMB', hwm().toFixed(0), sizes());
await db.checkpoint().catch((e: Error) => console.log('checkpoint', e.message));
console.log('after checkpoint', sizes());
await db.close();
console.log('after close', sizes());
