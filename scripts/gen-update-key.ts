/**
 * `tsx scripts/gen-update-key.ts --private-key <file> [--public-key-module <file>]`:
 * makes the Ed25519 key pair that signs Linux updates. The private key goes to
 * `<file>` (0600, never overwritten; move it into the CI secret store and
 * delete it), the public key into `electron/main/update-public-key.ts`, which
 * is built into the app: commit that file. Every build made after that only
 * installs updates signed with the new private key.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'private-key': { type: 'string' },
    'public-key-module': { type: 'string', default: path.join(root, 'electron/main/update-public-key.ts') },
  },
});
const privateFile = values['private-key'];
if (!privateFile) {
  console.error('usage: tsx scripts/gen-update-key.ts --private-key <file> [--public-key-module <file>]');
  process.exit(2);
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
try {
  // 'wx': an existing key is never replaced by accident.
  fs.writeFileSync(privateFile, privatePem, { mode: 0o600, flag: 'wx' });
} catch (error) {
  console.error(`Could not write the private key to ${privateFile}: ${(error as Error).message}`);
  process.exit(1);
}
fs.writeFileSync(
  values['public-key-module'],
  [
    '/**',
    ' * Public half of the key that signs Linux updates (`scripts/gen-update-key.ts`',
    ' * writes this file; docs/RELEASING.md says how to sign). An update whose',
    ' * `.sig` does not verify with this key is never installed.',
    ' */',
    `export const UPDATE_PUBLIC_KEY_PEM = ${JSON.stringify(publicPem)};`,
    '',
  ].join('\n'),
);
console.log(`Private key: ${privateFile} (keep it secret: CI secret FIELDBOOK_UPDATE_SIGNING_KEY)`);
console.log(`Public key:  ${values['public-key-module']} (commit it)`);
