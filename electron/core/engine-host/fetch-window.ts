/**
 * Flow control for a download main streams to the engine host. Main reads a
 * sync response off the network far faster than the host's engine applies
 * it (its thread is busy in native code), and a message sent over the IPC
 * channel is queued in main until the host reads it: without a window, a new
 * laptop's whole first download sat in main's memory (measured: main's peak
 * grew by about the download's size, 114 MB → +130 MB). Main now keeps at most
 * FETCH_WINDOW_BYTES (8 MB) sent and not yet consumed per response; the host
 * acknowledges what its engine has read from the body (`fetch-ack`).
 * A call sent to the host during a download queues behind these bytes (one
 * IPC channel); 1 MB was tried for that and made the 100,000-job first
 * download's longest main stall 54–74 ms instead of 14–26 ms (README,
 * "What held the host at 100,000 jobs"), so it stays 8 MB.
 */
export const FETCH_WINDOW_BYTES = 8 * 1024 * 1024;

interface Flow {
  sent: number;
  consumed: number;
  wake: (() => void) | null;
}

/** Main's side: how much of each response is still in flight to the host. */
export class FetchWindow {
  private readonly flows = new Map<number, Flow>();
  private closed = false;

  constructor(private readonly windowBytes = FETCH_WINDOW_BYTES) {}

  /**
   * Resolves true once `bytes` more may be sent for `fetchId` (always at
   * least one chunk in flight, however large), false once the host is gone.
   */
  async room(fetchId: number, bytes: number): Promise<boolean> {
    const flow = this.flow(fetchId);
    while (!this.closed && flow.sent > flow.consumed && flow.sent - flow.consumed + bytes > this.windowBytes) {
      await new Promise<void>((resolve) => (flow.wake = resolve));
    }
    if (this.closed) return false;
    flow.sent += bytes;
    return true;
  }

  /** The host's engine has read `consumed` bytes of the body in all. */
  ack(fetchId: number, consumed: number): void {
    const flow = this.flows.get(fetchId);
    if (!flow || consumed <= flow.consumed) return;
    flow.consumed = consumed;
    this.wakeUp(flow);
  }

  end(fetchId: number): void {
    this.flows.delete(fetchId);
  }

  /** The host ended: every waiting sender gives up. */
  close(): void {
    this.closed = true;
    for (const flow of this.flows.values()) this.wakeUp(flow);
    this.flows.clear();
  }

  private flow(fetchId: number): Flow {
    let flow = this.flows.get(fetchId);
    if (!flow) {
      flow = { sent: 0, consumed: 0, wake: null };
      this.flows.set(fetchId, flow);
    }
    return flow;
  }

  private wakeUp(flow: Flow): void {
    const wake = flow.wake;
    flow.wake = null;
    wake?.();
  }
}

/**
 * The host's side: a response body fed by main's chunks that reports, as the
 * engine reads it, how much it has consumed (`ack`), so main sends more.
 */
export function acknowledgedBody(ack: (consumed: number) => void, windowBytes = FETCH_WINDOW_BYTES): {
  stream: ReadableStream<Uint8Array>;
  controller: () => ReadableStreamDefaultController<Uint8Array>;
  enqueue: (chunk: Uint8Array) => void;
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let enqueued = 0;
  let acked = 0;
  const report = () => {
    // Queued = windowBytes - desiredSize; what left the queue was read by the engine.
    const consumed = enqueued - (windowBytes - (controller.desiredSize ?? 0));
    if (consumed > acked) {
      acked = consumed;
      ack(consumed);
    }
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: () => report(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: windowBytes }),
  );
  return {
    stream,
    controller: () => controller,
    enqueue: (chunk) => {
      enqueued += chunk.byteLength;
      controller.enqueue(chunk);
    },
  };
}
