import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererBuildIsCurrent } from '../../../../electron/core/host/renderer-build.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function touch(file: string, secondsAgo: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, t, t);
}

describe('renderer build freshness', () => {
  it('is stale without a build, current after one, and stale again when a source changes', () => {
    const root = tempDir('fieldbook-root-');
    touch(path.join(root, 'renderer', 'src', 'App.tsx'), 100);
    touch(path.join(root, 'shared', 'ids.ts'), 100);
    touch(path.join(root, 'vite.config.ts'), 100);
    expect(rendererBuildIsCurrent(root)).toBe(false);

    touch(path.join(root, 'dist', 'renderer', 'index.html'), 50);
    // Directory mtimes count too; put them in the past like the files.
    for (const dir of ['renderer', 'renderer/src', 'shared']) touch(path.join(root, dir), 100);
    expect(rendererBuildIsCurrent(root)).toBe(true);

    touch(path.join(root, 'shared', 'ids.ts'), 10);
    expect(rendererBuildIsCurrent(root)).toBe(false);
  });
});
