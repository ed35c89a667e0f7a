import { describe, expect, it } from 'vitest';
import type { Replica } from '../../../../electron/core/db/replica.js';
import { SyncService } from '../../../../electron/core/sync/sync-service.js';

/** Only pendingChanges matters here; nothing is configured, so the loop never pushes. */
function countingReplica() {
  let running = 0;
  let peak = 0;
  let calls = 0;
  let pending = 0;
  const replica = {
    pendingChanges: async () => {
      calls += 1;
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
      return pending;
    },
  } as unknown as Replica;
  return { replica, stats: () => ({ calls, peak }), setPending: (n: number) => (pending = n) };
}

describe('pending count during a burst of writes', () => {
  it('runs one count at a time and one more after the burst, and ends on the latest number', async () => {
    const fake = countingReplica();
    const service = new SyncService({ replica: fake.replica, remote: () => null, probe: async () => false });
    for (let i = 1; i <= 200; i++) {
      fake.setPending(i);
      service.notifyLocalWrite();
    }
    await new Promise((r) => setTimeout(r, 120));
    expect(fake.stats().peak).toBe(1);
    expect(fake.stats().calls).toBeLessThanOrEqual(3);
    expect(service.status.pendingChanges).toBe(200);
  });
});
