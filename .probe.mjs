import { connect } from '@tursodatabase/sync';
const [file, ...sqls] = process.argv.slice(2);
const t0 = performance.now();
const db = await connect({ path: file, url: () => null });
console.log('opened', Math.round(performance.now() - t0));
for (const sql of sqls) {
  const t = performance.now();
  try {
    const stmt = await db.prepare(sql);
    const rows = await stmt.all();
    console.log('OK', sql, JSON.stringify(rows).slice(0, 300), Math.round(performance.now() - t), 'ms');
  } catch (e) { console.log('ERR', sql, String(e?.message ?? e), e?.code); }
}
await db.close();
console.log('closed');
