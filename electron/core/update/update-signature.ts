/**
 * Detached Ed25519 signatures for update files. On Linux nothing else checks
 * an update: the sha512 in `latest-linux.yml` comes from the same host as the
 * file, so whoever can change one can change the other. The release signs
 * each artifact with a private key kept off the update server
 * (`scripts/sign-update.ts`) and publishes `<artifact>.sig` beside it; the app
 * verifies it with the public key it was built with before installing.
 *
 * A `.sig` file is the 64-byte signature in base64 (one line), so it can be
 * checked by hand: `base64 -d X.sig > X.sig.bin && openssl pkeyutl -verify
 * -pubin -inkey update-public-key.pem -rawin -in X -sigfile X.sig.bin`.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';

export const SIGNATURE_SUFFIX = '.sig';
const SIGNATURE_BYTES = 64;

export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the update public key is ${key.asymmetricKeyType}, not ed25519`);
  return key;
}

export function ed25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${key.asymmetricKeyType}, not ed25519`);
  return key;
}

/** The `.sig` file content for `data`. */
export function signUpdate(data: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, data, privateKey).toString('base64')}\n`;
}

/** Decodes a `.sig` file; throws naming what is wrong with it. */
export function parseSignature(text: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new Error('the signature file is not base64');
  const signature = Buffer.from(trimmed, 'base64');
  if (signature.length !== SIGNATURE_BYTES) throw new Error(`the signature is ${signature.length} bytes, an Ed25519 signature has ${SIGNATURE_BYTES}`);
  return signature;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Verifies `file` against the text of its `.sig` file. */
export async function verifyUpdateFile(file: string, signatureText: string, publicKey: KeyObject): Promise<SignatureCheck> {
  let signature: Buffer;
  try {
    signature = parseSignature(signatureText);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const data = await fs.readFile(file);
  return verify(null, data, publicKey, signature) ? { ok: true } : { ok: false, reason: 'the signature does not match the file and the built-in key' };
}
