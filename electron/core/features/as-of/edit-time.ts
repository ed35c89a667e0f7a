/**
 * "At a moment" means by edit time: the wall time of an edit's clock stamp
 * (shared/hlc.ts), the time the team sees in history and the order the
 * projection ranks edits by. Stamps compare as strings with the 13-digit wall
 * time first, so "every edit at or before T" is exactly the stamps below one
 * string: the state at T is the projection of a prefix of the log's order.
 */
import { decodeHlc } from '../../../../shared/hlc.js';

const WALL_DIGITS = 13;

/** Every stamp whose wall time is ≤ atMs sorts below this string, every later one above it. */
export function stampBound(atMs: number): string {
  return String(Math.floor(atMs) + 1).padStart(WALL_DIGITS, '0');
}

/** Every stamp whose wall time is ≥ sinceMs sorts at or above this string. */
export function stampFloor(sinceMs: number): string {
  return String(Math.ceil(sinceMs)).padStart(WALL_DIGITS, '0');
}

/** Above every stamp: "now, with everything". */
export const NO_BOUND = '~';

/** An edit's edit time, ISO. */
export function editTimeOf(hlc: string): string {
  return new Date(decodeHlc(hlc).wallMs).toISOString();
}
