/**
 * The last unpushed schema change, read from the engine's change table in
 * slices of change ids with a turn of the event loop between them. One
 * `max(change_id) … WHERE table_name = 'sqlite_schema'` scans every unpushed
 * row change in a single call on the host's thread: 212 ms at 100,000 jobs
 * (202,362 rows, quiet machine), and a `jobs.get` that arrived meanwhile
 * waited for it. change_id is the table's rowid, so a range is a seek.
 */
import { yieldToLoop } from '../sync/yield.js';

/** Change ids per slice: ~0.8 µs a row unloaded, so a slice is a few ms. */
export const SCHEMA_SLICE_IDS = 5_000;

export const LAST_CHANGE_SQL = 'SELECT max(change_id) AS id FROM turso_cdc';
export const SCHEMA_IN_RANGE_SQL = "SELECT max(change_id) AS id FROM turso_cdc WHERE change_id > ? AND change_id <= ? AND table_name = 'sqlite_schema'";

export interface SchemaReader {
  /** The change table's highest change id, null when it is empty. */
  lastChange(): Promise<number | null>;
  /** The highest schema change id in (afterId, upToId], null when there is none. */
  schemaIn(afterId: number, upToId: number): Promise<number | null>;
}

/** The last schema change after `afterId`, or null; read from the newest slice down, so a recent one ends the read early. */
export async function lastUnpushedSchemaChange(reader: SchemaReader, afterId: number, slice = SCHEMA_SLICE_IDS): Promise<number | null> {
  const last = await reader.lastChange();
  if (last === null) return null;
  for (let upTo = last; upTo > afterId; upTo -= slice) {
    const found = await reader.schemaIn(Math.max(afterId, upTo - slice), upTo);
    if (found !== null) return found;
    await yieldToLoop();
  }
  return null;
}
