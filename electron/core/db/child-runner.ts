/**
 * Runs a script of ours in a separate process and reports how it ended, so a
 * native abort there (the engine panicking on a corrupt page) is an outcome,
 * not the end of the app. Plain Node spawns `node`; the Electron layer passes
 * a runner built on `utilityProcess` instead, because the packaged app's
 * `runAsNode` fuse is off (ELECTRON_RUN_AS_NODE would start a second app).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ChildOutcome {
  /** Exit code, or null when the process ended by a signal or was killed on timeout. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type ChildRunner = (script: string, args: readonly string[], timeoutMs: number) => Promise<ChildOutcome>;

/** Keep the tail of what a dying process printed (a Rust panic message), not megabytes of it. */
const KEEP_CHARS = 8_000;

export const nodeChildRunner: ChildRunner = (script, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    // Source files (tests, the browser host) need the TypeScript loader; the built bundle does not.
    const loader = script.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
    const child = spawn(process.execPath, [...loader, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-KEEP_CHARS)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-KEEP_CHARS)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });

/**
 * The child script beside this module: `integrity-check-child.js` next to the
 * bundle (`dist/electron/`, built by scripts/build-main.ts), else the source.
 */
export function integrityChildScript(moduleUrl: string = import.meta.url): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  const built = path.join(dir, 'integrity-check-child.js');
  return fs.existsSync(built) ? built : path.join(dir, 'integrity-check-child.ts');
}
