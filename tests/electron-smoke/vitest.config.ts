/**
 * Only the real-Electron smoke test (`npm run test:electron`, after `npm run dist:test -- --dir`).
 * The main vitest.config.ts excludes this folder, so `npm test` neither runs nor reports it.
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '..', '..'),
  test: {
    include: ['tests/electron-smoke/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // One Electron at a time: the runs share a user-data folder in order.
    fileParallelism: false,
  },
});
