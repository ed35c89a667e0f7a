import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside, resolveRealFileInside } from '../../../../electron/core/host/static-files.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const HOSTILE = [
  '/../secret.txt',
  '/../../etc/passwd',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/%2e%2e/etc/passwd',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/..\\secret.txt',
  '/..%5csecret.txt',
  '/assets\\..\\..\\secret.txt',
  '/index.html%00.png',
  '/index.html\0',
  '/C:/Windows/win.ini',
  '/c:%5cWindows%5cwin.ini',
  '/%E0%A4%A', // malformed percent-encoding
  '/..',
];

describe('resolveInside', () => {
  const root = '/srv/renderer';

  it('maps / and plain paths inside the root', () => {
    expect(resolveInside(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveInside(root, '/assets/app.js?v=1')).toBe('/srv/renderer/assets/app.js');
    expect(resolveInside(root, '//assets/app.js')).toBe('/srv/renderer/assets/app.js');
    expect(resolveInside(root, '/assets/%20space.css')).toBe('/srv/renderer/assets/ space.css');
  });

  it('keeps an absolute-looking path inside the root', () => {
    expect(resolveInside(root, '/etc/passwd')).toBe('/srv/renderer/etc/passwd');
  });

  it('refuses traversal, encoded traversal, backslashes, NUL, drive letters and bad encodings', () => {
    for (const hostile of HOSTILE) expect(resolveInside(root, hostile), hostile).toBeNull();
  });

  it('refuses the same paths with Windows path semantics', () => {
    const winRoot = 'C:\\Program Files\\Fieldbook\\renderer';
    expect(resolveInside(winRoot, '/assets/app.js', path.win32)).toBe('C:\\Program Files\\Fieldbook\\renderer\\assets\\app.js');
    for (const hostile of HOSTILE) expect(resolveInside(winRoot, hostile, path.win32), hostile).toBeNull();
    expect(resolveInside(winRoot, '//server/share/x', path.win32)).toBe('C:\\Program Files\\Fieldbook\\renderer\\server\\share\\x');
  });
});

describe('resolveRealFileInside', () => {
  it('refuses a symlink inside the root that points outside it', async () => {
    const base = tempDir('fieldbook-static-');
    const root = path.join(base, 'renderer');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'index.html'), '<p>ok</p>');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'token');
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(base, path.join(root, 'up'));
    expect(await resolveRealFileInside(root, '/index.html')).toBe(fs.realpathSync(path.join(root, 'index.html')));
    expect(await resolveRealFileInside(root, '/leak.txt')).toBeNull();
    expect(await resolveRealFileInside(root, '/up/secret.txt')).toBeNull();
    expect(await resolveRealFileInside(root, '/missing.js')).toBeNull();
  });
});
