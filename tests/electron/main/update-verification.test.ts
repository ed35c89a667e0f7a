/**
 * A Linux update is installed only after its detached signature verified
 * with the app's public key: real files, a generated key pair, a real HTTP
 * feed on loopback serving the `.sig` files, and a stand-in for
 * electron-updater's autoUpdater (no Electron and no hosted feed here).
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/log/logger.js';
import { signUpdate } from '../../../electron/core/update/update-signature.js';
import { createDownloadVerifier, fetchSignatureText } from '../../../electron/core/update/verify-download.js';
import { startAutoUpdates } from '../../../electron/main/auto-update.js';
import { syncStatus } from '../../helpers/sync-status.js';
import { standInUpdater } from '../../helpers/updater-stand-in.js';
import { tempDir } from '../../helpers/temp-dir.js';


const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A generic feed folder served over HTTP on loopback, as the update server would. */
async function serveFeed(dir: string): Promise<string> {
  const server = http.createServer((request, response) => {
    const file = path.join(dir, path.basename(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!fs.existsSync(file)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.end(fs.readFileSync(file));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/desktop`;
}

async function setUp() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const feedDir = tempDir('fieldbook-feed-');
  const cacheDir = tempDir('fieldbook-update-cache-');
  const feedUrl = await serveFeed(feedDir);
  /** Publishes a release in the feed and "downloads" it into the cache, as electron-updater does. */
  const publish = (version: string, { sign = true, signWith = privateKey, corruptDownload = false } = {}) => {
    const name = `Fieldbook-${version}-linux-x86_64.AppImage`;
    const data = Buffer.from(`#!AppImage ${version} ${'x'.repeat(10_000)}`);
    fs.writeFileSync(path.join(feedDir, name), data);
    if (sign) fs.writeFileSync(path.join(feedDir, `${name}.sig`), signUpdate(data, signWith));
    const downloadedFile = path.join(cacheDir, name);
    fs.writeFileSync(downloadedFile, corruptDownload ? Buffer.concat([data, Buffer.from('tampered')]) : data);
    return { version, downloadedFile, files: [{ url: name, sha512: 'whatever the feed says', size: data.length }] };
  };
  const logger = createLogger();
  const stand = standInUpdater();
  const updates = startAutoUpdates({
    updater: stand.asUpdater,
    logger,
    enabled: false,
    verifyDownload: createDownloadVerifier({ publicKey, feedUrl, fetchSignature: fetchSignatureText }),
  });
  return { ...stand, updates, logger, publish };
}

const idle = syncStatus({ state: 'up_to_date', pendingChanges: 0 });

describe('Linux update signature check', () => {
  it('installs an update whose signature verifies, only once it has been verified', async () => {
    const { emitter, updater, updates, publish } = await setUp();
    const info = publish('1.2.3');
    emitter.emit('update-downloaded', info);
    // Quitting while the check still runs does not install an unchecked file.
    expect(updates.installOnQuit(idle)).toBe(false);
    await updates.idle();
    expect(updates.installOnQuit(idle)).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(fs.existsSync(info.downloadedFile)).toBe(true);
    updates.stop();
  });

  for (const [what, options, reason] of [
    ['a missing signature', { sign: false }, /no signature at http:\/\/127\.0\.0\.1:\d+\/desktop\/Fieldbook-2\.0\.0-linux-x86_64\.AppImage\.sig: HTTP 404/],
    ['a signature by another key', { signWith: generateKeyPairSync('ed25519').privateKey }, /does not match/],
    ['a download that differs from the signed file', { corruptDownload: true }, /does not match/],
  ] as const) {
    it(`refuses ${what}: logged, the file deleted, never installed`, async () => {
      const { emitter, updater, updates, publish, logger } = await setUp();
      const info = publish('2.0.0', options);
      emitter.emit('update-downloaded', info);
      await updates.idle();
      expect(updates.installOnQuit(idle)).toBe(false);
      expect(updater.quitAndInstall).not.toHaveBeenCalled();
      expect(fs.existsSync(info.downloadedFile)).toBe(false);
      const problem = logger.recentProblems().at(-1);
      expect(problem?.message).toBe('update refused: its signature did not verify; it will not be installed');
      expect(problem?.detail).toMatch(reason);
      expect(problem?.detail).toContain('"version":"2.0.0"');
      updates.stop();
    });
  }

  it('a newer download that fails its check replaces an older verified one', async () => {
    const { emitter, updater, updates, publish } = await setUp();
    emitter.emit('update-downloaded', publish('1.0.0'));
    await updates.idle();
    emitter.emit('update-downloaded', publish('1.0.1', { sign: false }));
    await updates.idle();
    expect(updates.installOnQuit(idle)).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.stop();
  });
});
