/**
 * Where the stored auth token may go: only to the origin of the URL it was
 * saved with, and only over https (or plain http to this computer). Decided
 * with Node's WHATWG URL parser, the same one `fetch` uses, so the host
 * compared here is the host the request reaches.
 */
import { isLoopbackHost } from '../../../shared/primary-url.js';
import { httpUrl } from '../sync/probe.js';

/** `https://host:port` of a primary URL (libsql:// is https), or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(httpUrl(url));
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Same scheme, host and port; "no URL" only matches "no URL". */
export function sameOrigin(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const origin = originOf(a);
  return origin !== null && origin === originOf(b);
}

/** True when a token sent to this URL travels encrypted or never leaves the machine. */
export function mayCarryToken(url: string): boolean {
  try {
    const parsed = new URL(httpUrl(url));
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  } catch {
    return false;
  }
}
