/**
 * The offset estimator with a scripted stand-in for the primary's HTTP answer
 * and a fake laptop clock (so round trips and asymmetry are exact), the same
 * against a real `tursodb` primary, and when the loop measures again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ClockOffset,
  clockOffsetPath,
  clockWarningText,
  measureClockOffset,
  primaryTime,
  readSavedOffset,
  type OffsetEstimate,
} from '../../../../electron/core/sync/clock-offset.js';
import { startPrimary } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const HOUR = 60 * 60 * 1000;

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A primary whose clock is `skewMs` ahead of the fake laptop clock. Each
 * answer takes the next round trip from `rtts`, and the primary reads its
 * clock at the very end of the outbound leg (the worst asymmetry), so the
 * estimate is off by exactly rtt/2.
 */
function scriptedPrimary(skewMs: number, rtts: (number | 'fail')[], answer?: (serverMs: number) => unknown) {
  let local = 1_000_000_000_000;
  const seen: Seen[] = [];
  let call = 0;
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const rtt = rtts[call++ % rtts.length]!;
    seen.push({
      url: String(url),
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: JSON.parse(String(init?.body)),
    });
    if (rtt === 'fail') {
      local += 3000;
      throw new TypeError('fetch failed');
    }
    local += rtt;
    const serverMs = local + skewMs;
    const value = answer ? answer(serverMs) : { results: [{ type: 'ok', response: { result: { rows: [[{ type: 'float', value: serverMs / 1000 }]] } } }] };
    return new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, now: () => local, seen };
}

describe('clock offset estimator', () => {
  it('keeps the sample with the smallest round trip, and its error bound covers the true offset', async () => {
    const primary = scriptedPrimary(2 * HOUR, [40, 4, 20]);
    const estimate = await measureClockOffset({ url: 'libsql://team.turso.io', authToken: 'tok-123' }, { now: primary.now, fetchImpl: primary.fetchImpl });
    expect(estimate).toEqual({ offsetMs: 2 * HOUR + 2, errorMs: 3, rttMs: 4 });
    expect(Math.abs(estimate.offsetMs - 2 * HOUR)).toBeLessThanOrEqual(estimate.errorMs);
    // Only the configured primary, over https, with the stored token.
    expect(primary.seen).toHaveLength(3);
    for (const request of primary.seen) {
      expect(request.url).toBe('https://team.turso.io/v2/pipeline');
      expect(request.headers.authorization).toBe('Bearer tok-123');
      expect(request.body).toEqual({ requests: [{ type: 'execute', stmt: { sql: "SELECT unixepoch('subsec')" } }] });
    }
  });

  it('measures a laptop that runs behind as a positive offset and sends no token when none is stored', async () => {
    const primary = scriptedPrimary(-3 * HOUR, [10]);
    const estimate = await measureClockOffset({ url: 'http://127.0.0.1:9/', authToken: null }, { now: primary.now, fetchImpl: primary.fetchImpl, samples: 1 });
    expect(estimate.offsetMs).toBe(-3 * HOUR + 5);
    expect(estimate.errorMs).toBe(6);
    expect(primary.seen[0]!.url).toBe('http://127.0.0.1:9/v2/pipeline');
    expect(primary.seen[0]!.headers.authorization).toBeUndefined();
  });

  it('skips a failed sample, and fails with the reason only when every sample failed', async () => {
    const some = scriptedPrimary(1000, ['fail', 8, 'fail']);
    expect(await measureClockOffset({ url: 'https://p', authToken: null }, { now: some.now, fetchImpl: some.fetchImpl })).toEqual({
      offsetMs: 1004,
      errorMs: 5,
      rttMs: 8,
    });
    const none = scriptedPrimary(1000, ['fail']);
    await expect(measureClockOffset({ url: 'https://p', authToken: null }, { now: none.now, fetchImpl: none.fetchImpl })).rejects.toThrow(/fetch failed/);
  });

  it('rejects answers that carry no time, and HTTP errors, naming what was wrong', async () => {
    const garbage = scriptedPrimary(0, [1], () => ({ results: [{ type: 'error', error: { message: 'no such function' } }] }));
    await expect(primaryTime({ url: 'https://p', authToken: null }, garbage.fetchImpl)).rejects.toThrow(/no usable time/);
    const refused = (async () => new Response('no', { status: 401 })) as unknown as typeof fetch;
    await expect(primaryTime({ url: 'https://p', authToken: 'bad' }, refused)).rejects.toThrow(/HTTP 401/);
    // The SQL-over-HTTP protocol sends integers as strings; a string value is read too.
    const integer = scriptedPrimary(0, [1], (serverMs) => ({ results: [{ response: { result: { rows: [[{ type: 'integer', value: String(serverMs / 1000) }]] } } }] }));
    expect(await primaryTime({ url: 'https://p', authToken: null }, integer.fetchImpl)).toBe(integer.now());
  });

  it('reads a real primary clock within the round trip', async () => {
    const primary = await startPrimary();
    const t0 = Date.now();
    const server = await primaryTime({ url: primary.url, authToken: null });
    const t1 = Date.now();
    // Same machine, same clock: the primary read it between t0 and t1 (to its millisecond resolution).
    expect(server).toBeGreaterThanOrEqual(t0 - 1);
    expect(server).toBeLessThanOrEqual(t1 + 1);
    const fast = await measureClockOffset({ url: primary.url, authToken: null }, { now: () => Date.now() + 2 * HOUR });
    expect(Math.abs(fast.offsetMs + 2 * HOUR)).toBeLessThanOrEqual(fast.errorMs + 1);
  });
});

describe('when the clock offset is measured again', () => {
  function tracker(file: string, results: (OffsetEstimate | Error)[]) {
    let local = 5_000_000_000;
    let calls = 0;
    const offset = new ClockOffset({
      file,
      localNow: () => local,
      measure: async () => {
        const next = results[Math.min(calls++, results.length - 1)]!;
        if (next instanceof Error) throw next;
        return next;
      },
    });
    return {
      offset,
      calls: () => calls,
      advance: (ms: number) => {
        local += ms;
      },
    };
  }
  const remote = { url: 'http://127.0.0.1:1', authToken: null };

  it('measures at the first answer, then every 10 minutes, and at once after a gap (offline, asleep, clock set)', async () => {
    const file = clockOffsetPath(path.join(tempDir(), 'fieldbook.db'));
    const t = tracker(file, [{ offsetMs: -2 * HOUR, errorMs: 3, rttMs: 4 }]);
    const reports: (number | null)[] = [];
    t.offset.onChange((report) => reports.push(report.clockOffsetMs));
    expect(t.offset.report).toEqual({ clockOffsetMs: null, clockWarning: null });

    await t.offset.measureIfDue(remote);
    expect(t.calls()).toBe(1);
    expect(t.offset.now()).toBe(5_000_000_000 - 2 * HOUR);
    expect(t.offset.report.clockWarning).toMatch(/2 hours ahead/);
    expect(reports).toEqual([-2 * HOUR]);

    // The loop polls every few seconds while online: no new measurement until 10 minutes have passed.
    for (let i = 0; i < 29; i++) {
      t.advance(20_000);
      await t.offset.measureIfDue(remote);
    }
    expect(t.calls()).toBe(1);
    t.advance(20_000);
    await t.offset.measureIfDue(remote);
    expect(t.calls()).toBe(2);
    // Same offset again: nothing new to tell.
    expect(reports).toEqual([-2 * HOUR]);

    t.advance(60_000); // nothing answered for a minute
    await t.offset.measureIfDue(remote);
    expect(t.calls()).toBe(3);
    t.advance(-HOUR); // the worker set the clock back
    await t.offset.measureIfDue(remote);
    expect(t.calls()).toBe(4);
  });

  it('keeps the last offset when a measurement fails and tries again a minute later', async () => {
    const file = clockOffsetPath(path.join(tempDir(), 'fieldbook.db'));
    const t = tracker(file, [{ offsetMs: 3 * HOUR, errorMs: 2, rttMs: 3 }, new Error('HTTP 500'), { offsetMs: 3 * HOUR + 10, errorMs: 2, rttMs: 3 }]);
    await t.offset.measureIfDue(remote);
    t.advance(10 * 60_000);
    await t.offset.measureIfDue(remote); // fails
    expect(t.offset.report.clockOffsetMs).toBe(3 * HOUR);
    for (let i = 0; i < 3; i++) {
      t.advance(15_000);
      await t.offset.measureIfDue(remote);
    }
    expect(t.calls()).toBe(2);
    t.advance(15_000);
    await t.offset.measureIfDue(remote);
    expect(t.calls()).toBe(3);
    expect(t.offset.report.clockOffsetMs).toBe(3 * HOUR + 10);
  });

  it('saves the offset in a private file that a later start reads, and ignores a damaged one', async () => {
    const file = clockOffsetPath(path.join(tempDir(), 'fieldbook.db'));
    const t = tracker(file, [{ offsetMs: 3 * HOUR, errorMs: 2, rttMs: 3 }]);
    await t.offset.measureIfDue(remote);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readSavedOffset(file)).toMatchObject({ offsetMs: 3 * HOUR, errorMs: 2 });

    const restarted = new ClockOffset({ file, localNow: () => 1_000 });
    expect(restarted.now()).toBe(1_000 + 3 * HOUR);
    expect(restarted.report.clockWarning).toMatch(/3 hours behind/);

    fs.writeFileSync(file, '{"offsetMs": "soon"');
    const damaged = new ClockOffset({ file, localNow: () => 1_000 });
    expect(damaged.now()).toBe(1_000);
    expect(damaged.report).toEqual({ clockOffsetMs: null, clockWarning: null });
  });

  it('warns only beyond the adoption bound, in plain words', () => {
    expect(clockWarningText(null)).toBeNull();
    expect(clockWarningText(4 * 60_000)).toBeNull();
    expect(clockWarningText(-7 * 60_000)).toMatch(/^This laptop's clock is 7 minutes ahead of the team's clock\./);
    expect(clockWarningText(3 * HOUR)).toMatch(/3 hours behind/);
    expect(clockWarningText(-3 * 24 * HOUR)).toMatch(/3 days ahead/);
  });
});
