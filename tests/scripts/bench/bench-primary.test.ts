/**
 * The benchmark's primary stands in for a remote server: it must run at the
 * lowest CPU priority (so it cannot take the app's cores) and still serve.
 */
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { primarySql, type LocalPrimary } from '../../../electron/core/primary/local-primary.js';
import { BENCH_PRIMARY_NICENESS, startBenchPrimary } from '../../../scripts/bench/bench-primary.js';
import { tempDir } from '../../helpers/temp-dir.js';

let primary: LocalPrimary | null = null;
afterEach(async () => {
  await primary?.stop('SIGKILL');
  primary = null;
});

it('runs tursodb at the lowest priority, and it answers SQL', async () => {
  primary = await startBenchPrimary({ dbPath: path.join(tempDir('fieldbook-bench-primary-'), 'primary.db') });
  expect(primary.pid).toBeTypeOf('number');
  expect(os.getPriority(primary.pid!)).toBe(BENCH_PRIMARY_NICENESS);
  expect(await primarySql(primary.url, 'SELECT 1 + 1')).toEqual([['2']]);
});
