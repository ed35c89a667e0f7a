import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HybridClock, MAX_CLOCK_DRIFT_MS } from '../../shared/hlc.js';

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does', () => {
    let now = 1_000_000;
    const clock = new HybridClock('dev-a', () => now);
    const first = clock.tick();
    now -= 60_000; // the laptop's clock was corrected backwards
    const second = clock.tick();
    expect(second > first).toBe(true);
    expect(decodeHlc(second)).toEqual({ wallMs: 1_000_000, counter: 1, deviceId: 'dev-a' });
  });

  it('orders a local edit after any stamp it has seen from a laptop whose clock runs ahead', () => {
    const behind = new HybridClock('dev-b', () => 5_000);
    const aheadStamp = encodeHlc({ wallMs: 9_000, counter: 3, deviceId: 'dev-a' });
    behind.observe(aheadStamp);
    expect(behind.tick() > aheadStamp).toBe(true);
  });

  it('ignores a stamp from a clock broken far into the future', () => {
    const clock = new HybridClock('dev-b', () => 5_000);
    clock.observe(encodeHlc({ wallMs: 5_000 + MAX_CLOCK_DRIFT_MS + 1, counter: 0, deviceId: 'x' }));
    expect(decodeHlc(clock.tick()).wallMs).toBe(5_000);
  });

  it('encodes so that string order is stamp order', () => {
    const a = encodeHlc({ wallMs: 999, counter: 99_999, deviceId: 'z' });
    const b = encodeHlc({ wallMs: 1_000, counter: 0, deviceId: 'a' });
    expect(a < b).toBe(true);
    expect(() => decodeHlc('garbage')).toThrow(/not a clock stamp/);
  });
});
