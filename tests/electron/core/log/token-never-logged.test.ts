/**
 * The token on the real sync path: a primary that fails every request and
 * echoes the Authorization header back in its error body (as some proxies
 * do). The sync error reaches the log file and the diagnostics, without the token.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticsReport } from '../../../../shared/domain/diagnostics.js';
import { fileSink } from '../../../../electron/core/log/file-sink.js';
import { createLogger } from '../../../../electron/core/log/logger.js';
import { invoke, startTestCore } from '../../../helpers/core.js';
import { TestKeychainBox } from '../../../helpers/keychain-box.js';
import { waitFor } from '../../../helpers/primary.js';
import { startRecordingServer } from '../../../helpers/recording-server.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6ImxvZy1wYXRoIn0.bG9nLXBhdGgtc2lnbmF0dXJlLXNlY3JldA';

let server: http.Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

describe('the token on the sync path', () => {
  it('never reaches the log file or diagnostics, even when the server echoes it', async () => {
    const seenAuth: string[] = [];
    server = http.createServer((request, response) => {
      const auth = String(request.headers.authorization ?? '');
      if (auth) seenAuth.push(auth);
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error: rejected authorization ${auth} token=${TOKEN}`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;

    const logFile = path.join(tempDir('fieldbook-token-log-'), 'main.log');
    const logger = createLogger({ sinks: [fileSink(logFile)] });
    const core = await startTestCore({ secrets: new TestKeychainBox(), logger });
    await invoke(core, 'settings.setConnection', { url: `http://127.0.0.1:${port}`, authToken: TOKEN });
    await invoke(core, 'jobs.create', { title: 'Check valve' });
    await core.dispatch('sync.now', {});
    await waitFor('a logged sync failure', () => logger.recentProblems().some((p) => p.message === 'sync failed'));

    // The engine did send the token, so the server could echo it back.
    expect(seenAuth.some((auth) => auth.includes(TOKEN))).toBe(true);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('sync failed');
    expect(log).not.toContain(TOKEN);
    const report = await invoke<DiagnosticsReport>(core, 'diagnostics.collect');
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    const status = await core.dispatch('sync.status', {});
    expect(JSON.stringify(status)).not.toContain(TOKEN);
  });

  it('masks an opaque token quoted raw by the server in the log file and diagnostics', async () => {
    const opaque = 'fbk_live_5f0c2a9e71d84b3c9a6e2d1f0b7c8a93';
    server = http.createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`no such key ${opaque}`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const logFile = path.join(tempDir('fieldbook-token-log-'), 'main.log');
    const logger = createLogger({ sinks: [fileSink(logFile)] });
    const core = await startTestCore({ secrets: new TestKeychainBox(), logger });
    await invoke(core, 'settings.setConnection', { url: `http://127.0.0.1:${port}`, authToken: opaque });
    await invoke(core, 'jobs.create', { title: 'Check valve' });
    await core.dispatch('sync.now', {});
    await waitFor('a logged sync failure', () => logger.recentProblems().some((p) => p.message === 'sync failed'));
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('no such key [redacted]');
    expect(log).not.toContain(opaque);
    expect(JSON.stringify(await invoke(core, 'diagnostics.collect'))).not.toContain(opaque);
    // The status goes to the renderer too: the echoed token is masked there as well.
    const status = await invoke<{ lastError: string | null }>(core, 'sync.status');
    expect(status.lastError).toContain('no such key [redacted]');
    expect(JSON.stringify(status)).not.toContain(opaque);
  });

  it('masks the token before any error text is shortened, so not even a piece of it reaches the status, diagnostics or log', async () => {
    const token = 'Zq8mWv3KpT6yRc1HxN4bLd7GsF2jUe9A';
    // A long body that repeats the token back to back, shifted by half a token every other reply:
    // wherever a message is cut, one of the two replies has the cut inside a copy.
    let posts = 0;
    const server = await startRecordingServer({
      reply: (request) => {
        const shift = request.method === 'POST' && posts++ % 2 === 1 ? '.'.repeat(token.length / 2) : '';
        return { status: 500, body: `rejected credentials ${shift}${token.repeat(40)} end` };
      },
    });
    const logFile = path.join(tempDir('fieldbook-token-log-'), 'main.log');
    const logger = createLogger({ sinks: [fileSink(logFile)] });
    const core = await startTestCore({ secrets: new TestKeychainBox(), logger });
    const statuses: string[] = [];
    core.events.on((event, payload) => {
      if (event === 'sync.statusChanged') statuses.push(JSON.stringify(payload));
    });
    await invoke(core, 'settings.setConnection', { url: server.url, authToken: token });
    await invoke(core, 'jobs.create', { title: 'Check valve' });
    await waitFor('both replies reported', () => logger.recentProblems().filter((p) => p.message === 'sync failed').length >= 2);
    expect(server.sawToken(token)).toBe(true);

    const status = await invoke<{ lastError: string | null }>(core, 'sync.status');
    expect(status.lastError).toMatch(/rejected credentials (\.+)?\[redacted\]/);
    const texts = {
      status: statuses.join('\n'),
      diagnostics: JSON.stringify(await invoke<DiagnosticsReport>(core, 'diagnostics.collect')),
      log: fs.readFileSync(logFile, 'utf8'),
    };
    for (const [where, text] of Object.entries(texts)) {
      expect(text, where).toContain('rejected credentials');
      for (let length = 4; length <= token.length; length++) {
        expect(text.includes(token.slice(0, length)), `${where} holds the token's first ${length} characters`).toBe(false);
        expect(text.includes(token.slice(-length)), `${where} holds the token's last ${length} characters`).toBe(false);
      }
    }
  });
});
