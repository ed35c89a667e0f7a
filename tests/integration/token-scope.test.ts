/**
 * The token goes only where the user saved it. Recording servers on loopback
 * (forwarding to a real primary where the sync loop must really run) note
 * every Authorization header they receive; each test asserts the stored token
 * never reached a server it was not saved for.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import type { ConnectionSettings } from '../../shared/domain/workspace.js';
import type { ConnectionTestResult } from '../../shared/domain/sync.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { TestKeychainBox } from '../helpers/keychain-box.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { startRecordingServer } from '../helpers/recording-server.js';

const TOKEN = 'fbk_team_Qm7xZ2rW9kP4tV8nL3sJ6hD1cF5gB0yA';

describe('where the stored token may go', () => {
  it('testConnection sends the stored token only to the stored origin; another URL needs its own token', async () => {
    const saved = await startRecordingServer();
    const foreign = await startRecordingServer();
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await core.sync.stop(); // only testConnection talks to the servers here
    await invoke(core, 'settings.setConnection', { url: saved.url, authToken: TOKEN });

    const elsewhere = await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url: foreign.url });
    expect(foreign.requests.length).toBe(1);
    expect(foreign.authorizations()).toEqual([]);
    expect(elsewhere.message).toMatch(/without a token/i);
    expect(elsewhere.message).toContain(saved.url);

    const withOwnToken = await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url: foreign.url, authToken: 'typed-for-foreign' });
    expect(withOwnToken.ok).toBe(true);
    expect(foreign.authorizations()).toEqual(['Bearer typed-for-foreign']);

    // The saved origin, with or without a path, still gets the saved token.
    expect((await invoke<ConnectionTestResult>(core, 'settings.testConnection', {})).ok).toBe(true);
    expect((await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url: `${saved.url}/some/path` })).ok).toBe(true);
    expect(saved.authorizations()).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(foreign.sawToken(TOKEN)).toBe(false);
  });

  it('setConnection to a new origin drops the stored token, and the sync loop never sends it there', async () => {
    const primary = await startPrimary();
    const first = await startRecordingServer({ proxyTo: primary.url });
    const second = await startRecordingServer({ proxyTo: primary.url });
    const core = await startTestCore({ secrets: new TestKeychainBox() });

    await invoke(core, 'settings.setConnection', { url: first.url, authToken: TOKEN });
    await invoke(core, 'jobs.create', { title: 'Pump check' });
    // The loop really runs with the token against the origin it was saved for.
    await waitFor('a push through the first server', () => first.sawToken(TOKEN) && core.sync.status.pendingChanges === 0 && core.sync.status.state === 'up_to_date');

    const moved = await invoke<ConnectionSettings>(core, 'settings.setConnection', { url: second.url });
    expect(moved).toMatchObject({ url: second.url, hasToken: false });
    expect(core.settings.readToken()).toBeNull();
    await invoke(core, 'jobs.create', { title: 'Valve check' });
    const before = second.requests.length;
    await waitFor('several sync cycles through the second server', async () => {
      const rows = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM jobs');
      return second.requests.length > before + 4 && core.sync.status.pendingChanges === 0 && Number(rows?.n) === 2;
    });
    expect(second.sawToken(TOKEN)).toBe(false);

    // A token given with the new URL goes there; the same origin with another path keeps it.
    await invoke(core, 'settings.setConnection', { url: second.url, authToken: 'second-token' });
    await invoke(core, 'settings.setConnection', { url: `${second.url}/v2` });
    expect(core.settings.readToken()).toBe('second-token');
    await invoke(core, 'settings.setConnection', { url: second.url });
    await core.sync.syncNow();
    expect(second.sawToken('second-token')).toBe(true);
    expect(second.sawToken(TOKEN)).toBe(false);
  });

  it('changing to the default primary (url null) counts as a new origin', async () => {
    const local = await startRecordingServer();
    const saved = await startRecordingServer();
    const core = await startTestCore({ secrets: new TestKeychainBox(), primaryUrl: local.url });
    await invoke(core, 'settings.setConnection', { url: saved.url, authToken: TOKEN });
    expect(core.settings.readToken()).toBe(TOKEN);
    const back = await invoke<ConnectionSettings>(core, 'settings.setConnection', { url: null });
    expect(back).toEqual({ url: local.url, hasToken: false, secureStorage: true });
    await core.sync.syncNow();
    await invoke(core, 'settings.testConnection', {});
    expect(local.requests.length).toBeGreaterThan(0);
    expect(local.sawToken(TOKEN)).toBe(false);
  });

  it('refuses plain http:// to anything but this computer, naming the field, for both handlers', async () => {
    const core = await startTestCore({ secrets: new TestKeychainBox() });
    await invoke(core, 'settings.setConnection', { url: 'https://db.example.turso.io', authToken: TOKEN });
    const refusedUrls = [
      'http://db.example.turso.io',
      'http://10.0.0.5:8080',
      'http://127.0.0.1.evil.example',
      'http://127.0.0.1@evil.example',
      'http://evil.example\\@127.0.0.1',
      'http://localhost.evil.example',
      'http://[::2]:8080',
      'http:///evil.example',
      'ws://127.0.0.1:8080',
      'turso://db.example.turso.io',
    ];
    for (const url of refusedUrls) {
      for (const name of ['settings.setConnection', 'settings.testConnection'] as const) {
        const result = await core.dispatch(name, { url, authToken: 'typed' });
        expect(result, `${name} ${url}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        if (!result.ok) {
          expect(result.error.message).toMatch(/primary URL/);
          expect(result.error.field).toBe('url');
        }
      }
    }
    const plain = await core.dispatch('settings.setConnection', { url: 'http://db.example.turso.io' });
    expect(!plain.ok && plain.error.message).toMatch(/https:\/\//);
    // Nothing saved was lost by the refusals.
    expect(core.settings.current.connection.url).toBe('https://db.example.turso.io');
    expect(core.settings.readToken()).toBe(TOKEN);

    for (const url of ['http://127.0.0.1:9', 'http://127.8.9.10:9/db', 'http://localhost:9', 'http://LOCALHOST:9', 'http://[::1]:9', 'libsql://db.turso.io', 'https://db.turso.io:8443/x']) {
      for (const name of ['settings.setConnection', 'settings.testConnection'] as const) {
        expect(contract[name].input.safeParse({ url }).success, `${name} ${url}`).toBe(true);
      }
    }
  });
});
