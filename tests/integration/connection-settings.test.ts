/**
 * Connection settings: "Test connection" against a real primary, a dead port
 * and a server that refuses the token; the token never comes back to the
 * renderer; a large first download reports its progress in bytes.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../electron/core/primary/local-primary.js';
import type { ConnectionSettings } from '../../shared/domain/workspace.js';
import type { ConnectionTestResult, SyncStatus } from '../../shared/domain/sync.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { bulkCreateJobs } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';

describe('connection settings', () => {
  it('tests the saved connection and a typed one, in plain words, and never returns the token', async () => {
    const primary = await startPrimary();
    const core = await startTestCore();

    const none = await invoke<ConnectionTestResult>(core, 'settings.testConnection', {});
    expect(none).toMatchObject({ ok: false, message: expect.stringMatching(/No primary URL/) });

    const typed = await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url: primary.url, authToken: 'secret-token' });
    expect(typed.ok).toBe(true);
    expect(typed.latencyMs).toBeGreaterThanOrEqual(0);

    const dead = await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url: `http://127.0.0.1:${await freePort()}` });
    expect(dead).toMatchObject({ ok: false, latencyMs: null, message: expect.stringMatching(/Could not reach/) });

    // The development host has no secure store: saving needs the worker's explicit yes.
    const refused = await core.dispatch('settings.setConnection', { url: primary.url, authToken: 'secret-token' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOKEN_STORAGE_INSECURE' } });
    const saved = await invoke<ConnectionSettings>(core, 'settings.setConnection', {
      url: primary.url,
      authToken: 'secret-token',
      allowPlainTextToken: true,
    });
    expect(saved).toEqual({ url: primary.url, hasToken: true, secureStorage: false });
    expect(JSON.stringify(await invoke(core, 'settings.getConnection'))).not.toContain('secret-token');
    expect((await invoke<ConnectionTestResult>(core, 'settings.testConnection', {})).ok).toBe(true);

    const bad = await core.dispatch('settings.testConnection', { url: 'ftp://nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('says plainly when the primary refuses the token', async () => {
    let seenAuth: string | undefined;
    const refusing = http.createServer((request, response) => {
      seenAuth = request.headers.authorization;
      response.statusCode = 401;
      response.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const core = await startTestCore();
      const url = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
      const result = await invoke<ConnectionTestResult>(core, 'settings.testConnection', { url, authToken: 'wrong' });
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/refused the auth token/) });
      expect(seenAuth).toBe('Bearer wrong');
    } finally {
      refusing.close();
    }
  });

  // 3,000 jobs up and down again: ~18 s on CI's machine, 42 s at load 8 here.
  it('a first download of a large workspace reports bytes received while pulling, and writes during it succeed', { timeout: 150_000 }, async () => {
    const primary = await startPrimary();
    const veteran = await startTestCore({ primaryUrl: primary.url });
    await veteran.sync.stop();
    await bulkCreateJobs(veteran, 3000, 'A job with a reasonably long title to make the download bigger');
    expect((await veteran.sync.syncNow()).pendingChanges).toBe(0);

    const newcomer = await startTestCore({ primaryUrl: primary.url });
    const seen: SyncStatus[] = [];
    newcomer.events.on((event, payload) => {
      if (event === 'sync.statusChanged') seen.push(payload as SyncStatus);
    });
    // The UI keeps writing while the download runs: no write fails or waits long.
    const during = await waitFor('the download to start', () => (newcomer.sync.status.state === 'pulling' ? true : undefined));
    expect(during).toBe(true);
    const writes = await Promise.all([1, 2, 3].map((i) => newcomer.dispatch('jobs.create', { title: `Written during download ${i}` })));
    expect(writes.every((w) => w.ok)).toBe(true);
    await waitFor('first download done', async () => {
      const n = await newcomer.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM jobs');
      return Number(n?.n) === 3003 && newcomer.sync.status.state === 'up_to_date';
    });
    const progress = seen.filter((s) => s.state === 'pulling' && s.download && s.download.receivedBytes > 0);
    expect(progress.length).toBeGreaterThan(0);
    // Later cycles (after the writes above) pull little; the first one carried the workspace.
    expect(Math.max(...progress.map((s) => s.download!.receivedBytes))).toBeGreaterThan(3000 * 60);
    expect(newcomer.sync.status.download).toBeNull();
  });
});
