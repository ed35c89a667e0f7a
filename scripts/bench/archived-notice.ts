/**
 * What the Activity screen's archived-edits notice (`activity.archived`,
 * `archivedInRange`) costs on a compacted workspace, per filter: a
 * measurement, not a test. Generate one first (its primary file is a plain
 * replica file):
 *
 *   npx tsx scripts/bench/history-bytes.ts generate DIR 5000 40
 *   npx tsx scripts/bench/archived-notice.ts DIR/primary.db
 *
 * The file is copied to a temp folder and opened local-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReplica } from '../../electron/core/db/replica.js';
import { ArchivedRows } from '../../electron/core/changes/archived-rows.js';
import { archivedInRange } from '../../electron/core/features/activity/activity-archive.js';
import { editTimeOf } from '../../electron/core/features/as-of/edit-time.js';

const src = process.argv[2];
if (!src) throw new Error('usage: archived-notice.ts FILE (a generated primary.db)');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-'));
for (const s of ['', '-wal']) if (fs.existsSync(src + s)) fs.copyFileSync(src + s, path.join(dir, 'r.db' + s));
const r = await openReplica({ path: path.join(dir, 'r.db'), remote: () => null });
const db = r.db;
const span = await db.get<{ a: string; b: string; n: number }>('SELECT min(first_hlc) a, max(last_hlc) b, count(*) n FROM change_folds');
const device = await db.get<{ d: string }>('SELECT device_id d FROM changes LIMIT 1');
const first = new Date(editTimeOf(span!.a)).getTime(), last = new Date(editTimeOf(span!.b)).getTime();
const archived = new ArchivedRows(() => null);
const cases: [string, Parameters<typeof archivedInRange>[1]][] = [
  ['since start', { since: new Date(first) }],
  ['since middle', { since: new Date((first + last) / 2) }],
  ['since after last fold', { since: new Date(last + 86_400_000) }],
  ['kinds job', { since: new Date(first), kinds: ['job'] }],
  ['person', { since: new Date(first), personId: device?.d }],
  ['no filter', {}],
];
console.log(`${span!.n} folds, load ${os.loadavg()[0]!.toFixed(1)}`);
for (const [name, q] of cases) {
  const t: number[] = [];
  let out;
  for (let i = 0; i < 5; i++) { const s = performance.now(); out = await archivedInRange(db, q, archived); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(`${name.padEnd(24)} median ${t[2]!.toFixed(1)} ms (min ${t[0]!.toFixed(1)})  records ${out?.records ?? 'none'}`);
}
await r.close();
fs.rmSync(dir, { recursive: true, force: true });
