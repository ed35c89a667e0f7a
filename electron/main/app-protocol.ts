/** Serves the built renderer on app://fieldbook/ with a path-traversal guard. */
import type { Protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES, resolveInside } from '../core/host/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
};

export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('unknown host', { status: 404 });
  const file = resolveInside(rendererDir, url.pathname);
  if (!file) return new Response('bad path', { status: 400 });
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}
