/** A `fetch` for the sync engine that counts the bytes of every request and response body. */

export interface WireCounter {
  fetch: typeof fetch;
  sent: number;
  received: number;
  requests: number;
}

function bodySize(body: unknown): number {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  throw new Error(`cannot count a request body of type ${Object.prototype.toString.call(body)}`);
}

export function countingFetch(): WireCounter {
  const counter: WireCounter = {
    sent: 0,
    received: 0,
    requests: 0,
    fetch: async (input, init) => {
      counter.requests += 1;
      counter.sent += bodySize(init?.body);
      const response = await fetch(input, init);
      // Buffer the answer to count it; the engine reads it from the copy.
      const body = await response.arrayBuffer();
      counter.received += body.byteLength;
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
  return counter;
}

export function snapshot(counter: WireCounter): { sent: number; received: number; requests: number } {
  return { sent: counter.sent, received: counter.received, requests: counter.requests };
}
