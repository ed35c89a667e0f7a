/**
 * The executable of the unpacked build `npm run dist:test -- --dir` writes to release-test/
 * (electron-builder.test.yml): linux-unpacked/fieldbook, win-unpacked/Fieldbook.exe,
 * mac-arm64/Fieldbook.app/Contents/MacOS/Fieldbook, or their other-architecture folders.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'release-test');

function candidates(folder: string, productName: string, name: string): string[] {
  switch (process.platform) {
    case 'darwin':
      return [path.join(folder, `${productName}.app`, 'Contents', 'MacOS', productName)];
    case 'win32':
      return [path.join(folder, `${productName}.exe`)];
    default:
      // electron-builder names the Linux executable after the lower-cased package name.
      return [path.join(folder, name.toLowerCase()), path.join(folder, productName)];
  }
}

/** electron-builder's folder for an unpacked build: no suffix for x64, `-<arch>` otherwise. */
function unpackedFolder(): string {
  const arch = process.arch === 'x64' ? '' : `-${process.arch}`;
  const platform = { darwin: 'mac', win32: 'win' }[process.platform as string] ?? 'linux';
  return platform === 'mac' ? `mac${arch}` : `${platform}${arch}-unpacked`;
}

export function packagedExecutable(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string };
  const builder = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const productName = /^productName:\s*(.+)$/m.exec(builder)?.[1]?.trim() ?? pkg.name;
  const folder = path.join(OUTPUT, unpackedFolder());
  const found = candidates(folder, productName, pkg.name).find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`No packaged Fieldbook in ${path.relative(ROOT, folder)}: run \`npm run dist:test -- --dir\` (npm run test:electron does).`);
  }
  return found;
}
