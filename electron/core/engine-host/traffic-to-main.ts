/**
 * The engine host's SyncTraffic: what its sync requests moved, as messages to
 * main's meters (the bytes themselves stay in the host). Received bytes are
 * summed over a short interval, so a large download is a few messages a
 * second, not one per chunk.
 */
import type { SyncTraffic, TrafficEvent } from '../sync/sync-traffic.js';

export const RECEIVED_REPORT_MS = 100;

export function trafficToMain(send: (event: TrafficEvent) => void, reportEveryMs = RECEIVED_REPORT_MS): SyncTraffic {
  let unreported = 0;
  let lastReport = 0;
  const reportReceived = () => {
    if (unreported === 0) return;
    send({ type: 'received', bytes: unreported });
    unreported = 0;
    lastReport = performance.now();
  };
  return {
    sent: (bytes, changes) => send({ type: 'sent', bytes, changes }),
    responseStarted: (contentLength) => send({ type: 'started', contentLength }),
    received: (bytes) => {
      unreported += bytes;
      if (performance.now() - lastReport >= reportEveryMs) reportReceived();
    },
    responseEnded: () => {
      reportReceived();
      send({ type: 'ended' });
    },
  };
}
