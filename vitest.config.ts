import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real Electron only: `npm run test:electron` runs it with its own config.
    exclude: [...configDefaults.exclude, 'tests/electron-smoke/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn tursodb primaries; two cores are all we have.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
