import path from 'node:path';
import { afterEach } from 'vitest';
import { startLocalObjectStore, type LocalObjectStore } from '../../scripts/lib/local-object-store.js';
import { tempDir } from './temp-dir.js';

const running: LocalObjectStore[] = [];

/** A real S3-compatible store (s3rver) on a random loopback port, stopped after the test. */
export async function startObjectStore(dir = tempDir('fieldbook-store-')): Promise<LocalObjectStore> {
  const store = await startLocalObjectStore({ directory: path.join(dir, 's3') });
  running.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
