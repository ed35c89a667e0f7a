/**
 * Hybrid logical clock. A stamp orders edits across laptops whose wall clocks
 * disagree: it never goes backwards on one device and always moves past any
 * stamp the device has seen from others, so "later edit" is well defined.
 *
 * Encoded as a fixed-width string so SQL and JS compare stamps with plain
 * string order: 13-digit wall milliseconds, 5-digit counter, device id.
 *
 * `now` should be the team's time (the laptop clock corrected by its measured
 * offset from the primary, sync/clock-offset.ts), so stamps from different
 * laptops compare like real time.
 */
export interface HlcStamp {
  wallMs: number;
  counter: number;
  deviceId: string;
}

const WALL_DIGITS = 13;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/**
 * How far ahead of this laptop's (corrected) time a stamp may be and still be
 * adopted by its clock. Further ahead means a laptop that stamped with a wrong
 * clock: the stamp still ranks by its value, but following it would drag every
 * laptop that pulls it ahead of real time, so the clock does not.
 */
export const MAX_ADOPTED_LEAD_MS = 5 * 60 * 1000;

export function encodeHlc(stamp: HlcStamp): string {
  return `${String(stamp.wallMs).padStart(WALL_DIGITS, '0')}-${String(stamp.counter).padStart(COUNTER_DIGITS, '0')}-${stamp.deviceId}`;
}

export function decodeHlc(text: string): HlcStamp {
  const match = /^(\d{13})-(\d{5})-(.+)$/.exec(text);
  if (!match) throw new Error(`not a clock stamp: ${JSON.stringify(text)}`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), deviceId: match[3]! };
}

export class HybridClock {
  private wallMs = 0;
  private counter = 0;

  constructor(
    private readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A new stamp for a local edit: greater than every stamp this clock has
   * issued or adopted (within the bound, see below), and greater than `after`,
   * the newest stamp of the record being edited, whatever its value: an edit
   * made on top of a value must win over it, even when that value was stamped
   * by a clock far ahead.
   */
  tick(after?: string | null): string {
    const physical = this.now();
    // Ahead of trusted time by more than the bound: only a wrong local clock
    // (before its offset was known) can have put it there. Go back to trusted
    // time; `after` keeps each record's own edits in order.
    if (this.wallMs > physical + MAX_ADOPTED_LEAD_MS) {
      this.wallMs = 0;
      this.counter = 0;
    }
    if (after) this.observe(after);
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    const stamp = encodeHlc({ wallMs: this.wallMs, counter: this.counter, deviceId: this.deviceId });
    // A floor too far ahead to adopt: step just past it for this edit only.
    return after && after >= stamp ? encodeHlc({ ...successor(decodeHlc(after)), deviceId: this.deviceId }) : stamp;
  }

  /**
   * Move past a stamp seen from another device, so later local edits order
   * after it, unless it is more than MAX_ADOPTED_LEAD_MS ahead of this clock.
   */
  observe(remote: string): void {
    const seen = decodeHlc(remote);
    if (seen.wallMs > this.now() + MAX_ADOPTED_LEAD_MS) return;
    if (seen.wallMs > this.wallMs) {
      this.wallMs = seen.wallMs;
      this.counter = seen.counter;
    } else if (seen.wallMs === this.wallMs && seen.counter > this.counter) {
      this.counter = seen.counter;
    }
  }

  private bumpCounter(): void {
    const next = successor({ wallMs: this.wallMs, counter: this.counter });
    this.wallMs = next.wallMs;
    this.counter = next.counter;
  }
}

function successor(stamp: { wallMs: number; counter: number }): { wallMs: number; counter: number } {
  // Counter exhausted within one millisecond: borrow the next millisecond.
  return stamp.counter >= MAX_COUNTER ? { wallMs: stamp.wallMs + 1, counter: 0 } : { wallMs: stamp.wallMs, counter: stamp.counter + 1 };
}
