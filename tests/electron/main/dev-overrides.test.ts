import { describe, expect, it } from 'vitest';
import { devOverrides } from '../../../electron/main/dev-overrides.js';
import { CODE_LOADING_ENV_VARS, removeCodeLoadingEnv } from '../../../electron/main/env-back-doors.js';

describe('devOverrides', () => {
  it('a development build takes the primary URL from FIELDBOOK_PRIMARY_URL', () => {
    expect(devOverrides(false, { FIELDBOOK_PRIMARY_URL: 'http://127.0.0.1:8080' })).toEqual({
      primaryUrl: 'http://127.0.0.1:8080',
      ignored: [],
    });
    expect(devOverrides(false, {})).toEqual({ primaryUrl: null, ignored: [] });
    expect(devOverrides(false, { FIELDBOOK_PRIMARY_URL: '  ' })).toEqual({ primaryUrl: null, ignored: [] });
  });

  it('a packaged build ignores it, and says which variables it ignored', () => {
    expect(devOverrides(true, { FIELDBOOK_PRIMARY_URL: 'https://attacker.example' })).toEqual({
      primaryUrl: null,
      ignored: ['FIELDBOOK_PRIMARY_URL'],
    });
    expect(devOverrides(true, {})).toEqual({ primaryUrl: null, ignored: [] });
  });

  it('refuses a value that is not a primary URL, naming the variable', () => {
    expect(() => devOverrides(false, { FIELDBOOK_PRIMARY_URL: 'file:///etc/passwd' })).toThrow(/FIELDBOOK_PRIMARY_URL must be an http\(s\):\/\/ or libsql:\/\/ URL/);
    // Packaged: not even parsed.
    expect(devOverrides(true, { FIELDBOOK_PRIMARY_URL: 'file:///etc/passwd' }).primaryUrl).toBeNull();
  });
});

describe('removeCodeLoadingEnv', () => {
  it('deletes NAPI_RS_NATIVE_LIBRARY_PATH and keeps everything else', () => {
    const env: Record<string, string | undefined> = { NAPI_RS_NATIVE_LIBRARY_PATH: '/tmp/evil.node', PATH: '/usr/bin' };
    expect(removeCodeLoadingEnv(env)).toEqual(['NAPI_RS_NATIVE_LIBRARY_PATH']);
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect('NAPI_RS_NATIVE_LIBRARY_PATH' in env).toBe(false);
    expect(removeCodeLoadingEnv(env)).toEqual([]);
    expect(CODE_LOADING_ENV_VARS).toContain('NAPI_RS_NATIVE_LIBRARY_PATH');
  });
});
