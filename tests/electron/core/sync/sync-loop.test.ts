/**
 * The loop's timing behaviour with a real replica and primary, and an injected
 * clock: waking from sleep triggers a sync at once, and failures back off with
 * jitter instead of retrying in lockstep.
 */
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { backoffDelay } from '../../../../electron/core/sync/backoff.js';
import { SyncService } from '../../../../electron/core/sync/sync-service.js';
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
