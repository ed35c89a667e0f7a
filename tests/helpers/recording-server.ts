/**
 * A real loopback HTTP server that records the Authorization header of every
 * request it receives, so a test can assert where a token did (and did not) go.
 * It can forward everything to a real primary (so the sync loop really runs
 * against it), answer with a fixed reply, or answer `SELECT 1` like a primary.
 */
import http from 'node:http';
import { afterEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The Authorization header as received, or null when none was sent. */
  authorization: string | null;
}

export interface RecordingServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Every Authorization header received, in order. */
  authorizations(): string[];
  /** True when any request carried this value anywhere in its Authorization header. */
  sawToken(token: string): boolean;
  close(): Promise<void>;
}

export interface RecordingOptions {
  /** Forward every request to this primary and relay its answer. */
  proxyTo?: string;
  /** Otherwise answer every request with this (a primary's `SELECT 1` answer when omitted). */
  reply?: (request: RecordedRequest) => { status: number; body: string };
}

const running: RecordingServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const selectOneAnswer = JSON.stringify({
  baton: null,
  base_url: null,
  results: [{ type: 'ok', response: { type: 'execute', result: { cols: [{ name: '1' }], rows: [[{ type: 'integer', value: '1' }]] } } }],
});

export async function startRecordingServer(options: RecordingOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      authorization: request.headers.authorization ?? null,
    };
    requests.push(recorded);
    if (options.proxyTo) {
      const target = new URL(recorded.path, options.proxyTo);
      const headers = { ...request.headers, host: target.host };
      const upstream = http.request(target, { method: recorded.method, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.writeHead(502).end('primary unreachable'));
      request.pipe(upstream);
      return;
    }
    request.resume();
    request.on('end', () => {
      const { status, body } = options.reply?.(recorded) ?? { status: 200, body: selectOneAnswer };
      response.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const recording: RecordingServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    authorizations: () => requests.flatMap((r) => (r.authorization === null ? [] : [r.authorization])),
    sawToken: (token) => requests.some((r) => r.authorization?.includes(token) ?? false),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(recording);
  return recording;
}
