import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HybridClock, MAX_ADOPTED_LEAD_MS } from '../../shared/hlc.js';

const HOUR = 60 * 60 * 1000;

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does by less than the adoption bound', () => {
    let now = 1_000_000;
    const clock = new HybridClock('dev-a', () => now);
    const first = clock.tick();
    now -= 60_000; // the laptop's clock was corrected backwards
    const second = clock.tick();
    expect(second > first).toBe(true);
    expect(decodeHlc(second)).toEqual({ wallMs: 1_000_000, counter: 1, deviceId: 'dev-a' });
  });

  it('orders a local edit after any stamp it has seen from a laptop whose clock runs ahead within the bound', () => {
    const behind = new HybridClock('dev-b', () => 5_000);
    const aheadStamp = encodeHlc({ wallMs: 9_000, counter: 3, deviceId: 'dev-a' });
    behind.observe(aheadStamp);
    expect(behind.tick() > aheadStamp).toBe(true);
  });

  it('adopts a stamp at the bound but not one a millisecond past it', () => {
    const at = new HybridClock('dev-b', () => 5_000);
    at.observe(encodeHlc({ wallMs: 5_000 + MAX_ADOPTED_LEAD_MS, counter: 0, deviceId: 'x' }));
    expect(decodeHlc(at.tick()).wallMs).toBe(5_000 + MAX_ADOPTED_LEAD_MS);
    const past = new HybridClock('dev-b', () => 5_000);
    past.observe(encodeHlc({ wallMs: 5_000 + MAX_ADOPTED_LEAD_MS + 1, counter: 0, deviceId: 'x' }));
    expect(decodeHlc(past.tick()).wallMs).toBe(5_000);
  });

  it('is not dragged ahead by a stamp from a clock two hours fast', () => {
    const now = 10 * HOUR;
    const clock = new HybridClock('dev-b', () => now);
    clock.observe(encodeHlc({ wallMs: now + 2 * HOUR, counter: 0, deviceId: 'fast' }));
    expect(decodeHlc(clock.tick()).wallMs).toBe(now);
  });

  it('steps past the edited record\'s newest stamp even when it is too far ahead to adopt, without moving the clock', () => {
    const now = 10 * HOUR;
    const clock = new HybridClock('dev-b', () => now);
    const fast = encodeHlc({ wallMs: now + 2 * HOUR, counter: 7, deviceId: 'zzz-fast' });
    const onTop = clock.tick(fast);
    expect(onTop > fast).toBe(true);
    expect(decodeHlc(onTop)).toEqual({ wallMs: now + 2 * HOUR, counter: 8, deviceId: 'dev-b' });
    // An edit of another record is stamped with this laptop's time, not the fast one.
    expect(decodeHlc(clock.tick()).wallMs).toBe(now);
    // A floor within the bound is adopted as usual.
    const near = encodeHlc({ wallMs: now + 1000, counter: 0, deviceId: 'a' });
    expect(clock.tick(near) > near).toBe(true);
    expect(decodeHlc(clock.tick()).wallMs).toBe(now + 1000);
  });

  it('returns to trusted time once its offset is corrected by more than the bound', () => {
    // The laptop ran 2 h fast until its offset from the primary was measured.
    let offset = 0;
    const real = 10 * HOUR;
    const clock = new HybridClock('dev-f', () => real + 2 * HOUR + offset);
    const before = clock.tick();
    expect(decodeHlc(before).wallMs).toBe(real + 2 * HOUR);
    offset = -2 * HOUR;
    expect(decodeHlc(clock.tick()).wallMs).toBe(real);
    // The same record's edits stay in order through the correction.
    expect(clock.tick(before) > before).toBe(true);
  });

  it('encodes so that string order is stamp order', () => {
    const a = encodeHlc({ wallMs: 999, counter: 99_999, deviceId: 'z' });
    const b = encodeHlc({ wallMs: 1_000, counter: 0, deviceId: 'a' });
    expect(a < b).toBe(true);
    expect(() => decodeHlc('garbage')).toThrow(/not a clock stamp/);
  });
});
