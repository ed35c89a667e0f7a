/**
 * Main forwards a download to the engine host chunk by chunk (forward-body.ts).
 * A body whose chunks are all at hand is read in one chain of microtasks, so
 * the forwarder must give the event loop back between slices, keep the order
 * and stop once the receiver is gone.
 */
import { describe, expect, it } from 'vitest';
import { FORWARD_SLICE_BYTES, forwardBody } from '../../../../electron/core/engine-host/forward-body.js';

/** A real web stream whose chunks are all queued before anyone reads (as the HTTP client holds them). */
function readyBody(chunks: number, bytes: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(bytes).fill(i % 251));
      controller.close();
    },
  });
}

describe('forwarding a response body to the engine host', () => {
  it('gives the event loop back while a body that is all at hand is forwarded, in order', async () => {
    const chunkBytes = 64 * 1024;
    const chunks = Math.ceil((4 * FORWARD_SLICE_BYTES) / chunkBytes);
    const sent: number[] = [];
    let sentWhenLoopRan: number | null = null;
    setImmediate(() => (sentWhenLoopRan = sent.length));
    const finished = await forwardBody(readyBody(chunks, chunkBytes), {
      room: async () => true,
      send: (chunk) => sent.push(chunk[0]!),
    }, { bytes: FORWARD_SLICE_BYTES, ms: Number.POSITIVE_INFINITY });
    expect(finished).toBe(true);
    expect(sent).toEqual(Array.from({ length: chunks }, (_, i) => i % 251));
    // The check phase ran after at most one slice, long before the last chunk.
    expect(sentWhenLoopRan).not.toBeNull();
    expect(sentWhenLoopRan!).toBeLessThanOrEqual(FORWARD_SLICE_BYTES / chunkBytes);
  });

  it('stops reading once the receiver is gone and says so', async () => {
    const sent: number[] = [];
    let asked = 0;
    const finished = await forwardBody(readyBody(10, 16), {
      room: async () => ++asked <= 3,
      send: (chunk) => sent.push(chunk[0]!),
    });
    expect(finished).toBe(false);
    expect(sent).toEqual([0, 1, 2]);
  });
});
