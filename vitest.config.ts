import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn tursodb primaries; two cores are all we have.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
