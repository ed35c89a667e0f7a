/**
 * The sliced lookup of the last unpushed schema change (engine-host/unpushed-schema.ts):
 * the same answer as one scan, read from the newest slice down, with a turn of the
 * event loop between slices. The queries themselves run on a real engine below and
 * through a real host and primary in tests/integration/batched-push.test.ts.
 */
import path from 'node:path';
import { connect } from '@tursodatabase/sync';
import { describe, expect, it } from 'vitest';
import { LAST_CHANGE_SQL, lastUnpushedSchemaChange, SCHEMA_IN_RANGE_SQL, type SchemaReader } from '../../../../electron/core/engine-host/unpushed-schema.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** Change ids of schema changes among 1..last; every other id is a row change. */
function changes(last: number, schemaIds: number[]): SchemaReader & { ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  return {
    ranges,
    lastChange: async () => (last > 0 ? last : null),
    schemaIn: async (afterId, upToId) => {
      ranges.push([afterId, upToId]);
      const inRange = schemaIds.filter((id) => id > afterId && id <= upToId);
      return inRange.length > 0 ? Math.max(...inRange) : null;
    },
  };
}

describe('last unpushed schema change, sliced', () => {
  it('finds the last one after the watermark, slice by slice from the newest', async () => {
    const reader = changes(25, [3, 7]);
    expect(await lastUnpushedSchemaChange(reader, 0, 10)).toBe(7);
    expect(reader.ranges).toEqual([
      [15, 25],
      [5, 15],
    ]);
  });

  it('stops at the watermark: older schema changes are on the primary', async () => {
    const reader = changes(25, [3, 7]);
    expect(await lastUnpushedSchemaChange(reader, 7, 10)).toBeNull();
    expect(reader.ranges).toEqual([
      [15, 25],
      [7, 15],
    ]);
    expect(await lastUnpushedSchemaChange(changes(25, [3, 7]), 6, 10)).toBe(7);
    expect(await lastUnpushedSchemaChange(changes(0, []), 0, 10)).toBeNull();
    expect(await lastUnpushedSchemaChange(changes(25, [25]), 24, 10)).toBe(25);
  });

  it('gives the event loop a turn between slices', async () => {
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns += 1;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const inner = changes(40, [1]);
    const turnsAtRead: number[] = [];
    const found = await lastUnpushedSchemaChange({ lastChange: inner.lastChange, schemaIn: (a, b) => (turnsAtRead.push(turns), inner.schemaIn(a, b)) }, 0, 10);
    reading = false;
    expect(found).toBe(1);
    expect(turnsAtRead).toHaveLength(4);
    for (let i = 1; i < turnsAtRead.length; i++) expect(turnsAtRead[i]!).toBeGreaterThan(turnsAtRead[i - 1]!);
  });

  it("answers like one scan of a real engine's change table", async () => {
    const db = await connect({ path: path.join(tempDir(), 'schema.db'), url: () => null });
    try {
      await db.exec('CREATE TABLE a (id TEXT PRIMARY KEY, v TEXT)');
      for (let i = 0; i < 30; i++) await db.exec(`INSERT INTO a VALUES ('a${i}', 'x')`);
      await db.exec('CREATE TABLE b (id TEXT PRIMARY KEY)');
      for (let i = 0; i < 30; i++) await db.exec(`INSERT INTO a VALUES ('c${i}', 'y')`);
      // The binding's prepare answers a promise of the statement (as the host uses it).
      const idOf = async (sql: string, ...params: number[]) =>
        ((await (await (db.prepare(sql) as unknown as Promise<{ get(...p: number[]): Promise<unknown> }>)).get(...params)) as { id: number | null } | undefined)?.id ?? null;
      const reader: SchemaReader = {
        lastChange: () => idOf(LAST_CHANGE_SQL),
        schemaIn: (afterId, upToId) => idOf(SCHEMA_IN_RANGE_SQL, afterId, upToId),
      };
      const oneScan = await idOf("SELECT max(change_id) AS id FROM turso_cdc WHERE change_id > ? AND table_name = 'sqlite_schema'", 0);
      expect(oneScan).not.toBeNull();
      expect(await lastUnpushedSchemaChange(reader, 0, 7)).toBe(oneScan);
      expect(await lastUnpushedSchemaChange(reader, oneScan!, 7)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
