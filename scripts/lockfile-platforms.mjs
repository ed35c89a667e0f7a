#!/usr/bin/env node
/**
 * The npm registry reachable from our build machines lacks the non-Linux-x64
 * native packages of @tursodatabase/sync and turso, so `npm install` leaves
 * them out of package-lock.json and `npm ci` then refuses the lockfile. This
 * adds their entries (marked optional, with os/cpu so npm skips them on other
 * platforms). Idempotent; run it after any `npm install`.
 */
import fs from 'node:fs';
import path from 'node:path';

const lockPath = path.resolve(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const PLATFORMS = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

let added = 0;
for (const [parentPath, parent] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const match = /^@tursodatabase\/(?:sync|cli)-(.+)$/.exec(name);
    if (!match || !PLATFORMS[match[1]]) continue;
    const hoisted = `node_modules/${name}`;
    const nested = parentPath ? `${parentPath}/node_modules/${name}` : hoisted;
    const existing = packages[hoisted] ?? packages[nested];
    if (existing) continue;
    // Hoist unless another version already sits at the top level.
    const key = packages[hoisted] ? nested : hoisted;
    packages[key] = { version, dev: parent.dev || undefined, optional: true, ...PLATFORMS[match[1]] };
    added += 1;
  }
}
if (added > 0) {
  fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added > 0 ? `package-lock.json: added ${added} platform entries` : 'package-lock.json: platform entries complete');
