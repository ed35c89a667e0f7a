/**
 * The loop's timing behaviour with a real replica and primary, and an injected
 * clock: waking from sleep triggers a sync at once, and failures back off with
 * jitter instead of retrying in lockstep.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { backoffDelay } from '../../../../electron/core/sync/backoff.js';
import { PrimaryCheckError, UNCHECKED, WHOLE, type PrimaryVerdict } from '../../../../electron/core/sync/primary-check.js';
import { createHttpProbe } from '../../../../electron/core/sync/probe.js';
import { SyncService, type SyncTimings } from '../../../../electron/core/sync/sync-service.js';
import { startPrimary, waitFor } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('sync loop timing', () => {
  it('a heartbeat far later than due (the laptop slept) starts a sync at once', async () => {
    const primary = await startPrimary();
    const remote = () => ({ url: primary.url, authToken: null });
    const replica = await openReplica({ path: `${tempDir()}/r.db`, remote });
    let now = Date.now();
    let probes = 0;
    const service = new SyncService({
      replica,
      remote,
      probe: async () => {
        probes += 1;
        return true;
      },
      now: () => now,
      // No periodic pull within the test: only the wake check can start a cycle.
      timings: { pollMs: 600_000, heartbeatMs: 20, wakeGapMs: 60_000 },
    });
    try {
      await service.start();
      await waitFor('first cycle', () => service.status.state === 'up_to_date');
      const before = probes;
      await new Promise((r) => setTimeout(r, 100));
      expect(probes).toBe(before);
      now += 2 * 60 * 60 * 1000; // two hours asleep
      await waitFor('a cycle after waking', () => probes > before, 2_000);
    } finally {
      await service.stop();
      await replica.close();
    }
  });

  it('backoff grows with failures, stays under the cap and is spread by jitter', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(3, policy, () => 1)).toBe(8000);
    expect(backoffDelay(50, policy, () => 1)).toBe(60_000);
    const spread = new Set([0, 0.25, 0.5, 0.99].map((r) => backoffDelay(4, policy, () => r)));
    expect(spread.size).toBe(4);
  });
});

/**
 * The failure rules, with a real replica and primary (push and pull really
 * succeed) and the loop's own seams injected: a clock that moves one second per
 * status, `random` fixed at 1 so each delay is the top of its jitter range, and
 * a verify step that fails the way a damaged replica or primary does.
 */
// A repeating failure of kind "other" (corruption itself stops the loop at once: see reportDamage).
const REPEATING = 'The primary answered with an unexpected error (HTTP 500)';

interface Failure {
  state: string;
  delayMs: number;
  needsRepair: boolean;
  lastError: string | null;
}

async function loopWith(options: { verify: (call: number) => string | null; timings?: Partial<SyncTimings> }) {
  const primary = await startPrimary();
  const remote = () => ({ url: primary.url, authToken: null });
  const replica = await openReplica({ path: `${tempDir()}/r.db`, remote });
  let now = Date.parse('2026-12-01T09:00:00Z');
  let verifications = 0;
  let wedgedCalls = 0;
  let lastRetryAt: string | null = null;
  const failures: Failure[] = [];
  const service = new SyncService({
    replica,
    remote,
    probe: createHttpProbe(1000),
    now: () => now,
    random: () => 1,
    verifyPrimary: async () => {
      verifications += 1;
      const outcome = options.verify(verifications);
      // A thrown error stands for a failure inside the step; a returned text is the check's own finding.
      if (outcome === REPEATING || outcome?.startsWith('throw:')) throw new Error(outcome.replace(/^throw:/, ''));
      return outcome === null ? WHOLE : { kind: 'lost', problem: outcome };
    },
    onWedged: async () => {
      wedgedCalls += 1;
    },
    onStatus: (status) => {
      // One entry per failure: later statuses (e.g. a new pending count) repeat the same retry time.
      if (status.nextRetryAt && status.nextRetryAt !== lastRetryAt && (status.state === 'error' || status.state === 'offline')) {
        lastRetryAt = status.nextRetryAt;
        failures.push({
          state: status.state,
          delayMs: Date.parse(status.nextRetryAt) - now,
          needsRepair: status.needsRepair,
          lastError: status.lastError,
        });
      }
      now += 1000;
    },
    timings: {
      pollMs: 600_000,
      heartbeatMs: 600_000,
      offline: { baseMs: 10, maxMs: 40 },
      failing: { baseMs: 20, maxMs: 160 },
      wedgedAfter: 4,
      ...options.timings,
    },
  });
  return {
    primary,
    service,
    failures,
    wedgedCalls: () => wedgedCalls,
    async close() {
      await service.stop();
      await replica.close();
    },
  };
}

describe('sync loop failures', () => {
  it('a repeating failure after a good push and pull backs off by doubling to the cap and offers Repair on the 4th in a row', async () => {
    const loop = await loopWith({ verify: () => REPEATING });
    try {
      await loop.service.start();
      await waitFor('six failures', () => loop.failures.length >= 6);
      await loop.service.stop();
      expect(loop.failures.slice(0, 6).map((f) => f.delayMs)).toEqual([20, 40, 80, 160, 160, 160]);
      expect(loop.failures.slice(0, 6).map((f) => f.needsRepair)).toEqual([false, false, false, true, true, true]);
      expect(loop.failures[3]!.lastError).toMatch(/4 times in a row/);
      expect(loop.failures[3]!.lastError).toMatch(/Repair/);
      expect(loop.failures[2]!.lastError).not.toMatch(/Repair/);
      expect(loop.wedgedCalls()).toBe(1);
    } finally {
      await loop.close();
    }
  });

  it('"Sync now" and poke retry at once but neither reset the count toward Repair nor the backoff', async () => {
    // Delays of seconds: only pokes and "Sync now" can start the next cycles within the test.
    const loop = await loopWith({ verify: () => REPEATING, timings: { failing: { baseMs: 10_000, maxMs: 60_000 } } });
    try {
      await loop.service.start();
      await waitFor('first failure', () => loop.failures.length === 1);
      loop.service.poke();
      await waitFor('second failure', () => loop.failures.length === 2, 5_000);
      const third = await loop.service.syncNow();
      expect(third.needsRepair).toBe(false);
      loop.service.poke();
      await waitFor('fourth failure', () => loop.failures.length === 4, 5_000);
      expect(loop.failures.map((f) => f.delayMs)).toEqual([10_000, 20_000, 40_000, 60_000]);
      expect(loop.failures[3]!.needsRepair).toBe(true);
    } finally {
      await loop.close();
    }
  });

  it('only a fully successful cycle resets the count and the backoff', async () => {
    // A quick poll after the clean cycle, so the failures after it come within the test.
    const loop = await loopWith({ verify: (call) => (call === 3 ? null : REPEATING), timings: { pollMs: 30 } });
    try {
      await loop.service.start();
      await waitFor('four failures', () => loop.failures.length >= 4);
      await loop.service.stop();
      // Failures 1-2, a clean cycle (3rd verify), then failures counted from one again.
      expect(loop.failures.slice(0, 4).map((f) => f.delayMs)).toEqual([20, 40, 20, 40]);
      expect(loop.failures.slice(0, 4).some((f) => f.needsRepair)).toBe(false);
    } finally {
      await loop.close();
    }
  });

  it('a failure of another kind starts its own count; credentials refused never offer Repair', async () => {
    const loop = await loopWith({
      verify: (call) => (call <= 3 ? 'throw:SQLITE_IOERR: disk I/O error' : call <= 4 ? 'The primary has lost 1 edit made on this laptop.' : 'throw:HTTP 401 Unauthorized'),
    });
    try {
      await loop.service.start();
      await waitFor('ten failures', () => loop.failures.length >= 10);
      await loop.service.stop();
      expect(loop.failures.slice(0, 5).map((f) => f.delayMs)).toEqual([20, 40, 80, 20, 20]);
      expect(loop.failures.some((f) => f.needsRepair)).toBe(false);
      expect(loop.failures[9]!.lastError).toMatch(/refused the credentials/);
    } finally {
      await loop.close();
    }
  });

  it('offline retries use the short schedule, never count toward Repair and do not break a run of failures', async () => {
    const loop = await loopWith({ verify: () => REPEATING });
    try {
      await loop.service.start();
      await waitFor('two failures', () => loop.failures.length >= 2);
      await loop.service.stop();
      await loop.primary.stop('SIGKILL');
      await loop.service.start();
      await waitFor('offline retries', () => loop.failures.filter((f) => f.state === 'offline').length >= 5);
      const offline = loop.failures.filter((f) => f.state === 'offline');
      expect(offline.slice(0, 5).map((f) => f.delayMs)).toEqual([10, 20, 40, 40, 40]);
      expect(offline.some((f) => f.needsRepair)).toBe(false);

      await loop.service.stop();
      await startPrimary(path.dirname(loop.primary.dbPath), loop.primary.port);
      const errorsBefore = loop.failures.filter((f) => f.state === 'error').length;
      expect(errorsBefore).toBeLessThan(4);
      await loop.service.start();
      await waitFor('repair offered', () => loop.failures.at(-1)?.needsRepair, 10_000);
      // The failures before going offline and after it make one run of four; its backoff went on growing.
      const all = loop.failures.filter((f) => f.state === 'error');
      const errors = all.slice(0, all.findIndex((f) => f.needsRepair) + 1);
      expect(errors.map((f) => f.needsRepair)).toEqual([false, false, false, true]);
      expect(errors.map((f) => f.delayMs)).toEqual([20, 40, 80, 160]);
    } finally {
      await loop.close();
    }
  });
});

describe('sync loop after local writes', () => {
  async function writingLoop(timings: Partial<SyncTimings>, verify?: () => Promise<PrimaryVerdict>) {
    const primary = await startPrimary();
    const remote = () => ({ url: primary.url, authToken: null });
    const replica = await openReplica({ path: `${tempDir()}/r.db`, remote });
    await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v TEXT)');
    let pushes = 0;
    const service = new SyncService({
      replica,
      remote,
      probe: createHttpProbe(1000),
      verifyPrimary: verify,
      onStatus: (status) => {
        if (status.state === 'pushing') pushes += 1;
      },
      timings: { pollMs: 600_000, heartbeatMs: 600_000, ...timings },
    });
    let written = 0;
    const burst = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        await replica.db.run('INSERT INTO t (id, v) VALUES (?, ?)', [`w-${(written += 1)}`, 'x']);
        service.notifyLocalWrite();
        await new Promise((r) => setTimeout(r, 40));
      }
    };
    return { service, replica, burst, pushes: () => pushes, written: () => written };
  }

  it('writes faster than the debounce are still pushed by the max wait, during the burst', async () => {
    const loop = await writingLoop({ debounceMs: 100, maxDebounceMs: 400 });
    try {
      await loop.service.start();
      await waitFor('first cycle', () => loop.service.status.state === 'up_to_date');
      const before = loop.pushes();
      await loop.burst(2_000);
      // A write every 40 ms never leaves the 100 ms debounce quiet; the 400 ms max wait pushes anyway.
      expect(loop.pushes() - before).toBeGreaterThanOrEqual(3);
      await waitFor('all pushed', () => loop.service.status.state === 'up_to_date' && loop.service.status.pendingChanges === 0);
      expect(loop.written()).toBeGreaterThan(10);
    } finally {
      await loop.service.stop();
      await loop.replica.close();
    }
  });

  it('writes do not cut a failure backoff short; a poke does', async () => {
    let verifications = 0;
    const loop = await writingLoop({ debounceMs: 20, maxDebounceMs: 50, failing: { baseMs: 10_000, maxMs: 60_000 } }, async () => {
      verifications += 1;
      throw new Error(REPEATING);
    });
    try {
      await loop.service.start();
      await waitFor('first failure', () => verifications === 1 && loop.service.status.state === 'error');
      const pushes = loop.pushes();
      await loop.burst(600);
      expect(loop.pushes()).toBe(pushes);
      loop.service.poke();
      await waitFor('the poked retry', () => loop.pushes() > pushes, 5_000);
    } finally {
      await loop.service.stop();
      await loop.replica.close();
    }
  });
});

describe('sync loop: a Repair offer', () => {
  it('stays through a cycle that left an edit pending, one whose check saw an edit land, and one whose check could not run; a checked cycle ends it', async () => {
    const primary = await startPrimary();
    const remote = () => ({ url: primary.url, authToken: null });
    const replica = await openReplica({ path: `${tempDir()}/r.db`, remote });
    await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v TEXT)');
    const lost = 'The primary has lost 1 edit this laptop had already synced.';
    let verifications = 0;
    let writeAfterPull = false;
    const seen: { state: string; needsRepair: boolean; pending: number; lastError: string | null }[] = [];
    const service = new SyncService({
      replica,
      remote,
      probe: createHttpProbe(1000),
      random: () => 1,
      verifyPrimary: async () => {
        verifications += 1;
        if (verifications === 2) writeAfterPull = true; // the cycle after the offer gets an edit mid-way
        if (verifications <= 2) return { kind: 'lost', problem: lost };
        if (verifications === 3) throw new PrimaryCheckError(new Error('primary answered HTTP 500'));
        // An edit saved after the loop counted nothing pending, before the checker's own count: nothing concluded.
        if (verifications === 4) return UNCHECKED;
        return WHOLE;
      },
      // An edit saved between the pull and the check, as a worker typing during a cycle does.
      afterPull: async () => {
        if (!writeAfterPull) return;
        writeAfterPull = false;
        await replica.db.run("INSERT INTO t (id, v) VALUES ('mid-cycle', 'x')");
      },
      onStatus: (status) => {
        seen.push({ state: status.state, needsRepair: status.needsRepair, pending: status.pendingChanges, lastError: status.lastError });
      },
      timings: {
        pollMs: 600_000,
        heartbeatMs: 600_000,
        debounceMs: 20,
        maxDebounceMs: 50,
        failing: { baseMs: 20, maxMs: 40 },
        wedgedAfter: 2,
      },
    });
    try {
      await service.start();
      await waitFor('a checked clean cycle', () => verifications >= 5 && service.status.state === 'up_to_date', 10_000);
      const offered = seen.findIndex((s) => s.needsRepair);
      expect(offered).toBeGreaterThanOrEqual(0);
      const after = seen.slice(offered);
      // The cycle with the edit pending got through but proved nothing: Repair stays offered.
      expect(after.some((s) => s.state === 'up_to_date' && s.pending > 0 && s.needsRepair)).toBe(true);
      // The check that could not run fails the cycle (not "Up to date"), keeps the offer, and is not a repairable kind.
      const unchecked = after.find((s) => s.state === 'error' && /did not answer the check/.test(s.lastError ?? ''));
      expect(unchecked?.needsRepair).toBe(true);
      expect(unchecked?.lastError).not.toMatch(/times in a row/);
      // The cycle whose checker saw an edit land is "Up to date" with nothing pending in the loop's count, offer kept.
      const afterError = after.slice(after.indexOf(unchecked!));
      expect(afterError.some((s) => s.state === 'up_to_date' && s.needsRepair)).toBe(true);
      expect(service.status.needsRepair).toBe(false);
      expect(service.status.pendingChanges).toBe(0);
    } finally {
      await service.stop();
      await replica.close();
    }
  });
});
