/**
 * Which object-store endpoints may be saved: the secret signs every request,
 * so plain http:// is allowed only to this computer (the local store `npm
 * start` runs), like the primary URL.
 */
import { isLoopbackHost } from './primary-url.js';

const ENDPOINT = /^(https|http):\/\/([^/?#@\\\s]+)(\/[^?#\s]*)?$/;

/** What is wrong with an endpoint, as words that follow the field's name; null when it may be used. */
export function endpointProblem(url: string): string | null {
  const match = ENDPOINT.exec(url);
  if (!match) return 'must be an https:// URL of the object store, e.g. https://<account>.r2.cloudflarestorage.com';
  const hostAndPort = match[2]!;
  const host = hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : hostAndPort.split(':')[0]!;
  if (match[1] === 'http' && !isLoopbackHost(host)) {
    return 'must start with https://: plain http:// is allowed only for this computer (localhost, 127.x.x.x or [::1])';
  }
  return null;
}
