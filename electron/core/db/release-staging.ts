/**
 * The engine stages every pulled page in the replica's `-changes` file before
 * applying it, and empties that file only at the start of the next pull. After
 * a first download the file is a second copy of the whole database (measured:
 * 295 MB beside a 294 MB replica) until the next poll. So after a pull that
 * left many staged bytes, one more pull follows at once: it is one small
 * request when nothing new arrived, and the engine truncates the file first.
 */
import fs from 'node:fs/promises';

/** Staged bytes past which a pull is followed by the releasing one. */
export const STAGING_RELEASE_BYTES = 4 * 1024 * 1024;

/** Size of the engine's staging file beside `dbPath` (0 when absent). */
export async function stagedBytes(dbPath: string): Promise<number> {
  try {
    return (await fs.stat(`${dbPath}-changes`)).size;
  } catch {
    return 0;
  }
}

/**
 * `pull()`, then a second one when the first left at least `thresholdBytes`
 * staged. True when remote changes arrived. The second pull only frees disk:
 * if it fails, the changes of the first are applied all the same and the
 * next cycle's pull frees the file, so its error is not this pull's.
 */
export async function pullReleasingStaging(pull: () => Promise<boolean>, staged: () => Promise<number>, thresholdBytes = STAGING_RELEASE_BYTES): Promise<boolean> {
  const changed = await pull();
  if (!changed || (await staged()) < thresholdBytes) return changed;
  await pull().catch(() => undefined);
  return true;
}
