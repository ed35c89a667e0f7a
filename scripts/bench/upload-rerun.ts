/**
 * `tsx scripts/bench/upload-rerun.ts SEED_DIR [--out FILE]`: runs only the app-path first upload
 * (`benchUploadApp`: sync.upload.app, app.get.during-upload, stall.first-upload) on a copy of a kept,
 * never-synced data dir (a `--keep` bench run's `upload-seed`), so a change to the upload path can be
 * measured at 100,000 jobs without seeding again (base and new alternated on the same workspace). The full
 * bench runs it too (upload-in-child.ts), so the upload is measured in a fresh process, as the app's main is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchUploadApp } from './joining.js';
import { Results } from './results.js';
import { openCore } from './workspace.js';

async function jobIdsOf(seedDir: string, scratch: string): Promise<string[]> {
  const copy = path.join(scratch, 'ids');
  fs.cpSync(seedDir, copy, { recursive: true });
  const core = await openCore(copy);
  try {
    return (await core.replica.db.all<{ id: string }>('SELECT id FROM jobs')).map((r) => r.id);
  } finally {
    await core.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [seedDir, ...rest] = process.argv.slice(2);
  if (!seedDir) throw new Error('usage: upload-rerun.ts SEED_DIR [--out FILE]');
  const outAt = rest.indexOf('--out');
  const out = outAt >= 0 ? rest[outAt + 1] : undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-upload-rerun-'));
  try {
    const jobIds = await jobIdsOf(seedDir, scratch);
    const results = new Results();
    await benchUploadApp(seedDir, scratch, jobIds, results);
    const text = JSON.stringify({ at: new Date().toISOString(), load: os.loadavg(), cases: results.cases }, null, 2);
    if (out) fs.writeFileSync(out, text);
    process.stdout.write(`${text}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`upload-rerun failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
