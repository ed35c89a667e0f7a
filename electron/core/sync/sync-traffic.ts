/**
 * What the engine's sync requests send and receive, for the progress meters
 * (download-meter.ts, upload-meter.ts). The requests run where the engine
 * runs: in the engine host they never pass through main (their bodies crossing
 * main as Buffers were most of main's garbage during a first upload), so the
 * host tells main what moved as small `TrafficEvent` messages instead.
 */
import { bodyBuffer, countStatements } from './push-body-count.js';

export interface SyncTraffic {
  /** A request was answered OK: its body's bytes and the row changes in it. */
  sent(bytes: number, changes: number): void;
  /** A response with a body began; its announced length when the primary gave one. */
  responseStarted(contentLength: number | null): void;
  received(bytes: number): void;
  responseEnded(): void;
}

/** The same calls as plain data, as the engine host sends them. */
export type TrafficEvent =
  | { type: 'sent'; bytes: number; changes: number }
  | { type: 'started'; contentLength: number | null }
  | { type: 'received'; bytes: number }
  | { type: 'ended' };

export function applyTraffic(traffic: SyncTraffic, event: TrafficEvent): void {
  switch (event.type) {
    case 'sent':
      return traffic.sent(event.bytes, event.changes);
    case 'started':
      return traffic.responseStarted(event.contentLength);
    case 'received':
      return traffic.received(event.bytes);
    case 'ended':
      return traffic.responseEnded();
  }
}

/** Both meters as one SyncTraffic. */
export function combinedTraffic(...parts: Partial<SyncTraffic>[]): SyncTraffic {
  return {
    sent: (bytes, changes) => parts.forEach((p) => p.sent?.(bytes, changes)),
    responseStarted: (length) => parts.forEach((p) => p.responseStarted?.(length)),
    received: (bytes) => parts.forEach((p) => p.received?.(bytes)),
    responseEnded: () => parts.forEach((p) => p.responseEnded?.()),
  };
}

/** `inner` with every request and response told to `traffic`; the response body is read as the engine reads it. */
export function meteredFetch(inner: typeof fetch, traffic: SyncTraffic): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const body = response.ok ? bodyBuffer(init?.body) : null;
    if (body) traffic.sent(body.byteLength, countStatements(body));
    if (!response.body) return response;
    const length = Number(response.headers.get('content-length'));
    traffic.responseStarted(Number.isFinite(length) && length > 0 ? length : null);
    // One pull-through stream, not a TransformStream: pipeThrough's writable side and pipe loop
    // cost a handful of promises and objects per chunk, for every sync request.
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await reader.read();
          if (done) {
            traffic.responseEnded();
            controller.close();
            return;
          }
          traffic.received(value.byteLength);
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
