import path from 'node:path';
import { afterEach } from 'vitest';
import { startLocalPrimary, type LocalPrimary } from '../../electron/core/primary/local-primary.js';
import { tempDir } from './temp-dir.js';

const running: LocalPrimary[] = [];

/** A real `tursodb --sync-server` on a random free loopback port, stopped after the test. */
export async function startPrimary(dir = tempDir('fieldbook-primary-'), port?: number): Promise<LocalPrimary> {
  const primary = await startLocalPrimary({ dbPath: path.join(dir, 'primary.db'), port });
  running.push(primary);
  return primary;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
});

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (process.env.DEBUG_WAIT) console.log('last check', await Promise.resolve(check()).catch((e) => e));
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
