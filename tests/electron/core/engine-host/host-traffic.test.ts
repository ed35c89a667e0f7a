/**
 * Where the engine's sync requests run. In the engine host by default: their
 * bodies never reach main (no `fetch` message), and main's meters are told
 * what moved (`traffic`) as they were when main carried the requests. A
 * transport given to the connection (tests that lose requests) still carries
 * them in main, metered the same. Real primary, real host processes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReplica, type Replica } from '../../../../electron/core/db/replica.js';
import { nodeEngineSpawner, type EngineSpawner } from '../../../../electron/core/engine-host/channel.js';
import { engineHostConnector } from '../../../../electron/core/engine-host/hosted-engine.js';
import type { FromHost } from '../../../../electron/core/engine-host/protocol.js';
import type { SyncTraffic } from '../../../../electron/core/sync/sync-traffic.js';
import { startPrimary } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** The real spawner, noting the kind of every message main gets from the host. */
function watchedSpawner(kinds: string[]): EngineSpawner {
  return (script) => {
    const channel = nodeEngineSpawner(script);
    return {
      get pid() {
        return channel.pid;
      },
      send: (message) => channel.send(message),
      onMessage: (listener) => channel.onMessage((message: FromHost) => (kinds.push(message.kind), listener(message))),
      onExit: (listener) => channel.onExit(listener),
      stderrTail: () => channel.stderrTail(),
      kill: () => channel.kill(),
    };
  };
}

interface Recorded extends SyncTraffic {
  sentBytes: number;
  sentChanges: number;
  requests: number;
  receivedBytes: number;
  order: string[];
}

function recorder(): Recorded {
  const r: Recorded = {
    sentBytes: 0,
    sentChanges: 0,
    requests: 0,
    receivedBytes: 0,
    order: [],
    sent: (bytes, changes) => {
      r.sentBytes += bytes;
      r.sentChanges += changes;
      r.requests += 1;
    },
    responseStarted: () => void r.order.push('started'),
    received: (bytes) => void (r.receivedBytes += bytes),
    responseEnded: () => void r.order.push('ended'),
  };
  return r;
}

const ROWS = 300;

async function writeRows(replica: Replica): Promise<void> {
  await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, note TEXT)');
  for (let batch = 0; batch < 3; batch++) {
    await replica.db.transaction(async (tx) => {
      for (let i = 0; i < ROWS / 3; i++) await tx.run('INSERT INTO t (id, note) VALUES (?, ?)', [batch * 1000 + i, `row ${batch}.${i} ${'x'.repeat(200)}`]);
    });
  }
}

async function pushed(url: string, transport?: typeof fetch): Promise<{ traffic: Recorded; kinds: string[] }> {
  const kinds: string[] = [];
  const traffic = recorder();
  const replica = await openReplica({
    path: path.join(tempDir(), 'a.db'),
    remote: () => ({ url, authToken: null }),
    connector: engineHostConnector({ spawn: watchedSpawner(kinds) }),
    pushOperationsThreshold: 50,
    traffic,
    ...(transport ? { fetch: transport } : {}),
  });
  try {
    await writeRows(replica);
    await replica.push();
    expect(await replica.pendingChanges()).toBe(0);
  } finally {
    await replica.close();
  }
  return { traffic, kinds };
}

describe('sync requests of the engine host', () => {
  it('run in the host: main gets no body, only what moved, and its meters read as when main carried the requests', async () => {
    const here = await pushed((await startPrimary()).url);
    expect(here.kinds).not.toContain('fetch');
    expect(here.kinds).toContain('traffic');
    // Every row went, in several requests (50 row changes each), each counted once answered.
    expect(here.traffic.sentChanges).toBeGreaterThanOrEqual(ROWS);
    expect(here.traffic.requests).toBeGreaterThanOrEqual(ROWS / 50);
    expect(here.traffic.sentBytes).toBeGreaterThan(ROWS * 200);

    const carried: string[] = [];
    const inMain = await pushed((await startPrimary()).url, async (input, init) => {
      if (init?.body instanceof Uint8Array) carried.push(Buffer.from(init.body).toString('utf8'));
      return fetch(input, init);
    });
    expect(inMain.kinds).toContain('fetch');
    expect(inMain.kinds).not.toContain('traffic');
    expect(carried.join('\n')).toContain('INSERT INTO');
    // The same work metered the same wherever it ran (bytes differ only by the replica's own ids).
    expect(here.traffic.sentChanges).toBe(inMain.traffic.sentChanges);
    expect(here.traffic.requests).toBe(inMain.traffic.requests);
    expect(Math.abs(here.traffic.sentBytes - inMain.traffic.sentBytes)).toBeLessThan(here.traffic.sentBytes / 100);
  }, 120_000);

  it('a download made in the host reports its bytes to main as it goes, each response started then ended', async () => {
    const primary = await startPrimary();
    await pushed(primary.url);
    const kinds: string[] = [];
    const traffic = recorder();
    const joining = await openReplica({
      path: path.join(tempDir(), 'b.db'),
      remote: () => ({ url: primary.url, authToken: null }),
      connector: engineHostConnector({ spawn: watchedSpawner(kinds) }),
      traffic,
    });
    try {
      await joining.pull();
      expect(await joining.db.get<{ n: number }>('SELECT count(*) AS n FROM t')).toEqual({ n: ROWS });
      expect(kinds).not.toContain('fetch');
      // The rows themselves came down: at least their notes' bytes.
      expect(traffic.receivedBytes).toBeGreaterThan(ROWS * 200);
      expect(traffic.order.length).toBeGreaterThan(0);
      expect(traffic.order.filter((e) => e === 'started')).toHaveLength(traffic.order.filter((e) => e === 'ended').length);
      expect(traffic.order.every((e, i) => e === (i % 2 === 0 ? 'started' : 'ended'))).toBe(true);
    } finally {
      await joining.close();
    }
  }, 120_000);
});
