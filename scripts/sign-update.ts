/**
 * `tsx scripts/sign-update.ts <file>... [--key-file <pem>] [--public-key <pem>]`:
 * writes `<file>.sig` (detached Ed25519 signature, base64) for each update
 * artifact. The private key comes from `--key-file` or, in CI, from the
 * `FIELDBOOK_UPDATE_SIGNING_KEY` environment variable (the PEM text). Each
 * signature is checked against the public key built into the app (or
 * `--public-key`), so a release signed with the wrong key fails here instead
 * of on every laptop.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ed25519PrivateKey, ed25519PublicKey, SIGNATURE_SUFFIX, signUpdate, verifyUpdateFile } from '../electron/core/update/update-signature.js';
import { UPDATE_PUBLIC_KEY_PEM } from '../electron/main/update-public-key.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'key-file': { type: 'string' }, 'public-key': { type: 'string' } },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
if (positionals.length === 0) {
  console.error('usage: tsx scripts/sign-update.ts <file>... [--key-file <pem>] [--public-key <pem>]');
  process.exit(2);
}
const keyFile = values['key-file'];
const privatePem = keyFile ? fs.readFileSync(keyFile, 'utf8') : process.env.FIELDBOOK_UPDATE_SIGNING_KEY;
if (!privatePem) fail('No signing key: pass --key-file <pem> or set FIELDBOOK_UPDATE_SIGNING_KEY to the PEM text.');

let privateKey: ReturnType<typeof ed25519PrivateKey>;
let publicKey: ReturnType<typeof ed25519PublicKey>;
try {
  privateKey = ed25519PrivateKey(privatePem!);
  publicKey = ed25519PublicKey(values['public-key'] ? fs.readFileSync(values['public-key'], 'utf8') : UPDATE_PUBLIC_KEY_PEM);
} catch (error) {
  fail(`Unusable key: ${(error as Error).message}`);
}

for (const file of positionals) {
  const signatureFile = `${file}${SIGNATURE_SUFFIX}`;
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const signature = signUpdate(data!, privateKey!);
  const check = await verifyUpdateFile(file, signature, publicKey!);
  if (!check.ok) fail(`${file}: the signing key does not match the app's public key (${check.reason}); nothing written.`);
  fs.writeFileSync(signatureFile, signature);
  console.log(`Signed ${file} -> ${signatureFile}`);
}
