/**
 * The built photo decoder (dist/electron/image-child.js) runs from the packaged layout:
 * it asks the runtime only for Node built-ins and sharp, which the production
 * node_modules provide, and turns a sideways JPEG into an upright original and a thumbnail.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto } from '../helpers/photos.js';
import { tempDir } from '../helpers/temp-dir.js';
import { isNodeBuiltin, requestedModules } from './bundle-modules.js';
import { builtFile, packApp, type PackagedApp } from './packaged-app.js';

let app: PackagedApp;
beforeAll(() => {
  app = packApp();
});
afterAll(() => app?.remove());

describe('built image decoder', () => {
  it('leaves only sharp (native) to the runtime', async () => {
    const requested = await requestedModules(builtFile('electron/image-child.js'));
    expect(requested.filter((name) => !isNodeBuiltin(name))).toEqual(['sharp']);
  });

  it('decodes a photo from the packaged layout', async () => {
    const work = tempDir();
    const input = path.join(work, 'input');
    fs.writeFileSync(input, await makePhoto(600, 400, { orientation: 6 }));
    const child = spawnSync(
      process.execPath,
      [path.join(app.appDir, 'dist/electron/image-child.js'), input, work, JSON.stringify({ inputType: 'image/jpeg', maxSide: 300, keepLocation: false })],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stdout).toMatch(/^RESULT /m);
    const meta = JSON.parse(child.stdout.slice(child.stdout.indexOf('RESULT ') + 7)) as { width: number; height: number };
    expect([meta.width, meta.height]).toEqual([200, 300]);
    expect((await sharp(fs.readFileSync(path.join(work, 'thumbnail'))).metadata()).format).toBe('webp');
  });
});
