/**
 * The app-path first upload (`benchUploadApp`) in a fresh process, as the
 * app's main is: the bench's own process holds the seeding's and the earlier
 * cases' heap by then, which the app never does, and a full collection of it
 * during the upload read as a main-process stall of the app (43 ms, with 93 ms
 * of CPU in it, against 21-22 ms for the same code in a fresh process; README,
 * "Event-loop stalls"). Runs upload-rerun.ts on the kept never-synced data dir.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CaseResult, Results } from './results.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./upload-rerun.ts', import.meta.url));

export async function benchUploadAppInChild(seedDataDir: string, scratchDir: string, results: Results): Promise<void> {
  const out = path.join(scratchDir, 'upload-app.json');
  await run(process.execPath, ['--import', 'tsx', CHILD, seedDataDir, '--out', out], { maxBuffer: 16 << 20, timeout: 1_800_000 });
  const { cases } = JSON.parse(fs.readFileSync(out, 'utf8')) as { cases: CaseResult[] };
  if (cases.length === 0) throw new Error('the upload child reported no case');
  for (const c of cases) results.add(c);
}
