import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm ci` on a clean machine refuses a lockfile that lacks an optional native
// package; our registry mirror drops the non-Linux ones (scripts/lockfile-platforms.mjs).
describe('package-lock.json', () => {
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>;
  };
  for (const parent of ['node_modules/@tursodatabase/sync', 'node_modules/turso']) {
    it(`lists every native platform package of ${parent}`, () => {
      const optional = Object.keys(lock.packages[parent]?.optionalDependencies ?? {});
      expect(optional.length).toBeGreaterThan(3);
      const missing = optional.filter(
        (name) => !lock.packages[`node_modules/${name}`] && !lock.packages[`${parent}/node_modules/${name}`],
      );
      expect(missing, 'run `node scripts/lockfile-platforms.mjs`').toEqual([]);
    });
  }
});
