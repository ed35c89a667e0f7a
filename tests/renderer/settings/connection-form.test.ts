import { describe, expect, it } from 'vitest';
import { savedTokenStaysBehind, serverOf, urlMessage } from '../../../renderer/src/components/settings/connection-form.js';

const saved = { url: 'libsql://team.turso.io', hasToken: true, secureStorage: true };

describe('the Connection form rules', () => {
  it('knows when the saved token will not go along with the typed URL', () => {
    expect(savedTokenStaysBehind(saved, 'https://other.turso.io', '')).toBe(true);
    expect(savedTokenStaysBehind(saved, 'https://team.turso.io:8443', '')).toBe(true);
    expect(savedTokenStaysBehind(saved, 'not a url', '')).toBe(true);
    // Same server (libsql:// is https), a typed token, no token saved, or no URL typed: nothing to say.
    expect(savedTokenStaysBehind(saved, 'https://team.turso.io/path', '')).toBe(false);
    expect(savedTokenStaysBehind(saved, 'https://other.turso.io', 'typed')).toBe(false);
    expect(savedTokenStaysBehind({ ...saved, hasToken: false }, 'https://other.turso.io', '')).toBe(false);
    expect(savedTokenStaysBehind(saved, '  ', '')).toBe(false);
    expect(savedTokenStaysBehind(null, 'https://other.turso.io', '')).toBe(false);
  });

  it('says why a URL would be refused, before asking main', () => {
    expect(urlMessage('http://db.example.com')).toMatch(/^The primary URL must start with https:\/\/ or libsql:\/\//);
    expect(urlMessage('http://127.0.0.1:8080')).toBeNull();
    expect(urlMessage('')).toBeNull();
    expect(serverOf('libsql://team.turso.io/x')).toBe('https://team.turso.io');
  });
});
