/**
 * Which primary URLs may be saved or tested. The auth token travels with every
 * request, so plain http:// is allowed only to this computer (a local
 * `tursodb --sync-server`); anything else needs https:// or libsql:// (which
 * is https). Pure string parsing, because shared/ has no URL class; it follows
 * the WHATWG parser wherever that decides which host is meant (userinfo before
 * the last `@`, `\` ending the host) and refuses the rest.
 */

const SCHEME_AND_AUTHORITY = /^(https|http|libsql):\/\/([^/?#]*)/;

/** localhost, 127.0.0.0/8 or [::1]: requests to these never leave the machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** What is wrong with a primary URL, as words that follow the field's name; null when it may be used. */
export function primaryUrlProblem(url: string): string | null {
  const match = SCHEME_AND_AUTHORITY.exec(url);
  if (!match || /\s/.test(url)) return 'must be an https:// or libsql:// URL (http:// only for this computer)';
  // Browsers and Node read `\` as `/` in these URLs, so it could hide the real host.
  if (url.includes('\\')) return 'must not contain a backslash (\\)';
  const [, scheme, authority] = match;
  const hostAndPort = authority!.slice(authority!.lastIndexOf('@') + 1);
  const bracketed = hostAndPort.startsWith('[');
  const hostEnd = bracketed ? hostAndPort.indexOf(']') + 1 : hostAndPort.indexOf(':') < 0 ? hostAndPort.length : hostAndPort.indexOf(':');
  const host = hostAndPort.slice(0, hostEnd);
  const port = hostAndPort.slice(hostEnd);
  if (host === '' || (bracketed && hostEnd === 0)) return 'must name the server (e.g. libsql://your-db.turso.io)';
  if (port !== '' && !/^:\d{1,5}$/.test(port)) return 'has an invalid port (after the host, expected :digits)';
  if (scheme === 'http' && !isLoopbackHost(host)) {
    return (
      'must start with https:// or libsql://: plain http:// would send the auth token unencrypted, ' +
      'so it is allowed only for this computer (localhost, 127.x.x.x or [::1])'
    );
  }
  return null;
}
