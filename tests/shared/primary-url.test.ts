import { describe, expect, it } from 'vitest';
import { isLoopbackHost, primaryUrlProblem } from '../../shared/primary-url.js';
import { mayCarryToken, originOf, sameOrigin } from '../../electron/core/settings/token-scope.js';

describe('which primary URLs may carry the token', () => {
  it('accepts https, libsql, and plain http only to this computer', () => {
    for (const url of ['https://db.turso.io', 'libsql://db-org.turso.io', 'https://user:pw@db.turso.io:8443/x?y=1', 'http://127.0.0.1:8080', 'http://127.255.0.9', 'http://localhost:9/db', 'http://[::1]:9']) {
      expect(primaryUrlProblem(url), url).toBeNull();
      expect(mayCarryToken(url), url).toBe(true);
    }
  });

  it('refuses plain http elsewhere, and URLs whose real host is not the one it seems', () => {
    const refused: [string, RegExp][] = [
      ['http://db.turso.io', /https:\/\/.*unencrypted/],
      ['http://192.168.1.2:8080', /https:\/\//],
      ['http://128.0.0.1', /https:\/\//],
      ['http://127.0.0.256', /https:\/\//],
      ['http://127.0.0.1.nip.io', /https:\/\//],
      ['http://127.0.0.1@evil.example', /https:\/\//],
      ['http://localhost:80@evil.example:80', /https:\/\//],
      ['http://evil.example\\@127.0.0.1', /backslash/],
      ['http://[::ffff:7f00:1]', /https:\/\//],
      ['http://127.0.0.1:80:81', /port/],
      ['http:///evil.example', /name the server/],
      ['https://', /name the server/],
      ['ftp://db.turso.io', /https:\/\/ or libsql:\/\//],
      ['HTTP://db.turso.io', /https:\/\/ or libsql:\/\//],
      ['libsql://db turso.io', /https:\/\/ or libsql:\/\//],
    ];
    for (const [url, reason] of refused) expect(primaryUrlProblem(url), url).toMatch(reason);
    expect(mayCarryToken('http://db.turso.io')).toBe(false);
    expect(mayCarryToken('http://127.0.0.1@evil.example')).toBe(false);
  });

  it('knows the loopback names', () => {
    expect(['localhost', 'LocalHost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.', '127.0.0', '0.0.0.0', '[::]', '::1', 'example.com'].some(isLoopbackHost)).toBe(false);
  });

  it('compares origins the way fetch resolves them (libsql:// is https)', () => {
    expect(originOf('libsql://db.turso.io/x')).toBe('https://db.turso.io');
    expect(sameOrigin('libsql://db.turso.io', 'https://DB.turso.io:443/path')).toBe(true);
    expect(sameOrigin('https://db.turso.io', 'https://db.turso.io:8443')).toBe(false);
    expect(sameOrigin('https://db.turso.io', 'https://other.turso.io')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:8080', 'https://127.0.0.1:8080')).toBe(false);
    expect(sameOrigin(null, null)).toBe(true);
    expect(sameOrigin(null, 'https://db.turso.io')).toBe(false);
  });
});
