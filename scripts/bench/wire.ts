/** A `fetch` for the sync engine that counts the bytes of every request and response body. */

export interface WireCounter {
  fetch: typeof fetch;
  sent: number;
  received: number;
  requests: number;
  /** While true, request bodies are kept for `sqlTextBytes` (outside timed sections). */
  capture: boolean;
  captured: string[];
}

function bodySize(body: unknown): number {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  throw new Error(`cannot count a request body of type ${Object.prototype.toString.call(body)}`);
}

function bodyText(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return null;
}

export function countingFetch(): WireCounter {
  const counter: WireCounter = {
    sent: 0,
    received: 0,
    requests: 0,
    capture: false,
    captured: [],
    fetch: async (input, init) => {
      counter.requests += 1;
      counter.sent += bodySize(init?.body);
      if (counter.capture) {
        const text = bodyText(init?.body);
        if (text !== null) counter.captured.push(text);
      }
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

/**
 * Of the captured push requests (Hrana JSON pipelines), how many bytes are SQL
 * text and how many statements they carried: the engine sends the full SQL of
 * every statement, which is most of the per-edit cost.
 */
export function sqlTextBytes(bodies: readonly string[]): { sqlBytes: number; statements: number } {
  let sqlBytes = 0;
  let statements = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'stmt' && child && typeof child === 'object' && typeof (child as { sql?: unknown }).sql === 'string') {
          sqlBytes += Buffer.byteLength(JSON.stringify((child as { sql: string }).sql));
          statements += 1;
        } else visit(child);
      }
    }
  };
  for (const body of bodies) {
    try {
      visit(JSON.parse(body));
    } catch {
      // Not JSON (e.g. a protobuf pull request): nothing to attribute.
    }
  }
  return { sqlBytes, statements };
}
