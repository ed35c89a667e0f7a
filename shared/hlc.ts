/**
 * Hybrid logical clock. A stamp orders edits across laptops whose wall clocks
 * disagree: it never goes backwards on one device and always moves past any
 * stamp the device has seen from others, so "later edit" is well defined.
 *
 * Encoded as a fixed-width string so SQL and JS compare stamps with plain
 * string order: 13-digit wall milliseconds, 5-digit counter, device id.
 */
export interface HlcStamp {
  wallMs: number;
  counter: number;
  deviceId: string;
}

const WALL_DIGITS = 13;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** A remote stamp further ahead than this is treated as a broken clock, not adopted. */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;

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

  /** A new stamp for a local edit, strictly greater than every stamp seen so far. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return encodeHlc({ wallMs: this.wallMs, counter: this.counter, deviceId: this.deviceId });
  }

  /** Move past a stamp seen from another device, so later local edits order after it. */
  observe(remote: string): void {
    const seen = decodeHlc(remote);
    if (seen.wallMs > this.now() + MAX_CLOCK_DRIFT_MS) return;
    if (seen.wallMs > this.wallMs) {
      this.wallMs = seen.wallMs;
      this.counter = seen.counter;
    } else if (seen.wallMs === this.wallMs && seen.counter > this.counter) {
      this.counter = seen.counter;
    }
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      this.wallMs += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
