/**
 * Main's half of a download streamed to the engine host: reads a response
 * body and hands each chunk on. The HTTP client often holds many chunks
 * already, and reading them is then one long chain of microtasks: a large
 * pull (tens of MB after a first upload) held main's event loop for the
 * whole burst. So the loop is given back after every slice of bytes or time.
 */
import { yieldToLoop } from '../sync/yield.js';

/** Bytes forwarded before main lets other work run (timers, IPC, the windows). */
export const FORWARD_SLICE_BYTES = 1024 * 1024;
/** ...or this long, whichever comes first. */
export const FORWARD_SLICE_MS = 8;

export interface ForwardTarget {
  /** Resolves false when the receiver is gone: stop reading. */
  room(bytes: number): Promise<boolean>;
  send(chunk: Uint8Array): void;
}

/** Forwards every chunk of `body` in order; false when the receiver went away before the end. */
export async function forwardBody(
  body: AsyncIterable<Uint8Array>,
  target: ForwardTarget,
  slice: { bytes: number; ms: number } = { bytes: FORWARD_SLICE_BYTES, ms: FORWARD_SLICE_MS },
): Promise<boolean> {
  let sliceBytes = 0;
  let sliceStart = performance.now();
  for await (const chunk of body) {
    if (!(await target.room(chunk.byteLength))) return false;
    target.send(chunk);
    sliceBytes += chunk.byteLength;
    if (sliceBytes >= slice.bytes || performance.now() - sliceStart >= slice.ms) {
      await yieldToLoop();
      sliceBytes = 0;
      sliceStart = performance.now();
    }
  }
  return true;
}
