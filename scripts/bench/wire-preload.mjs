// Counts the bytes of the sync requests an engine host makes (they run in the host, not in the bench's
// process): loaded into each host through NODE_OPTIONS by new-laptop-child.ts (and imported by that child
// itself, for the few requests main makes), it appends one JSON line per request (path, bytes each way,
// status) to FIELDBOOK_WIRE_LOG once the response has been read.
import fs from 'node:fs';

const logFile = process.env.FIELDBOOK_WIRE_LOG;
if (logFile && process.argv.some((a) => a.includes('engine-host-child') || a.includes('new-laptop-child'))) {
  const inner = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const body = init?.body;
    const sent = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array || body instanceof ArrayBuffer ? body.byteLength : 0;
    const at = performance.now();
    const response = await inner(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const line = (received) => `${JSON.stringify({ path: new URL(url).pathname, sent, received, status: response.status, atMs: Math.round(at) })}\n`;
    if (!response.body) {
      fs.appendFileSync(logFile, line(0));
      return response;
    }
    let received = 0;
    const counting = new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        fs.appendFileSync(logFile, line(received));
      },
    });
    return new Response(response.body.pipeThrough(counting), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
