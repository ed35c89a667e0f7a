/** Serves the built renderer on app://fieldbook/ with a path-traversal guard and a strict CSP. */
import type { Protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from '../core/host/csp.js';
import { CONTENT_TYPES, resolveInside, resolveRealFileInside } from '../core/host/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
};

/** In Electron the page talks only over IPC, so it may connect nowhere. */
const APP_HEADERS = securityHeaders({ connectTo: [] });

export async function serveAppRequest(rendererDir: string, requestUrl: string, method = 'GET'): Promise<Response> {
  const headers = { ...APP_HEADERS, 'content-type': 'text/plain; charset=utf-8' };
  if (method !== 'GET' && method !== 'HEAD') return new Response('method not allowed', { status: 405, headers });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('bad url', { status: 400, headers });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('unknown host', { status: 404, headers });
  if (!resolveInside(rendererDir, url.pathname)) return new Response('bad path', { status: 400, headers });
  const file = await resolveRealFileInside(rendererDir, url.pathname);
  if (!file) return new Response('not found', { status: 404, headers });
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: { ...APP_HEADERS, 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url, request.method));
}
