import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrationOrder, migrate, schemaVersion } from '../../../../electron/core/db/migrate.js';
import { openReplica } from '../../../../electron/core/db/replica.js';
import type { Migration } from '../../../../migrations/types.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const open = () => openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null });

const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE IF NOT EXISTS a (id TEXT PRIMARY KEY)' };
const two: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE IF NOT EXISTS b (id TEXT PRIMARY KEY)' };

describe('migration runner', () => {
  it('applies pending migrations in order and records each version', async () => {
    const replica = await open();
    expect(await migrate(replica.db, [one])).toEqual({ from: 0, to: 1, applied: [1] });
    expect(await migrate(replica.db, [one, two])).toEqual({ from: 1, to: 2, applied: [2] });
    expect(await schemaVersion(replica.db)).toBe(2);
    await replica.close();
  });

  it('refuses a database newer than the app, naming both versions, and changes nothing', async () => {
    const replica = await open();
    await migrate(replica.db, [one, two]);
    await expect(migrate(replica.db, [one])).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      message: expect.stringMatching(/schema version 2.*only knows up to 1/),
    });
    expect(await schemaVersion(replica.db)).toBe(2);
    await replica.close();
  });

  it('rolls a failing step back whole: no half-created tables, no version row', async () => {
    const replica = await open();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE IF NOT EXISTS half (id TEXT PRIMARY KEY); CREATE TABLE oops (',
    };
    await migrate(replica.db, [one]);
    await expect(migrate(replica.db, [one, broken])).rejects.toThrow();
    expect(await schemaVersion(replica.db)).toBe(1);
    const half = await replica.db.get(`SELECT name FROM sqlite_schema WHERE name = 'half'`);
    expect(half).toBeUndefined();
    await replica.close();
  });

  it('rejects a registry with gaps or out of order', () => {
    expect(() => checkMigrationOrder([one, { ...two, version: 3 }])).toThrow(/version 3, expected 2/);
    expect(() => checkMigrationOrder([two])).toThrow(/expected 1/);
  });
});
