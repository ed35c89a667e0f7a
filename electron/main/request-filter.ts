/**
 * Defence in depth behind the CSP: the window's session may load only the
 * app's own files (plus data: images and devtools). The renderer never needs
 * the network: sync runs in main, and electron-updater uses its own session.
 */
import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';

const ALWAYS_ALLOWED_PROTOCOLS = ['data:', 'devtools:', 'chrome-extension:'];

export function isAllowedRendererRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    return ALWAYS_ALLOWED_PROTOCOLS.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function blockRemoteRequests(session: { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> }): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRendererRequest(details.url) }));
}
