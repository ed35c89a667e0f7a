/**
 * The release scripts for Linux update signatures, run as the release runs
 * them (tsx, real files): a generated key pair, `.sig` files the app's
 * verifier accepts, and clear refusals for a missing or mismatched key.
 */
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, verifyUpdateFile } from '../../electron/core/update/update-signature.js';
import { UPDATE_PUBLIC_KEY_PEM } from '../../electron/main/update-public-key.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function tsx(script: string, args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { ...process.env, FIELDBOOK_UPDATE_SIGNING_KEY: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: child.status, out: child.stdout, err: child.stderr };
}

/** Runs gen-update-key into a temp folder; returns the private key file and the public key PEM it built in. */
function generate(dir: string) {
  const privateKey = path.join(dir, 'update-signing-key.pem');
  const moduleFile = path.join(dir, 'update-public-key.ts');
  const run = tsx('gen-update-key.ts', ['--private-key', privateKey, '--public-key-module', moduleFile]);
  expect(run.code, run.err).toBe(0);
  const match = /UPDATE_PUBLIC_KEY_PEM = (".*");/.exec(fs.readFileSync(moduleFile, 'utf8'));
  const publicPem = JSON.parse(match![1]!) as string;
  const publicFile = path.join(dir, 'public.pem');
  fs.writeFileSync(publicFile, publicPem);
  return { privateKey, publicPem, publicFile, run };
}

describe('gen-update-key and sign-update', () => {
  it('make a key pair (private key 0600, never overwritten) and signatures the app verifies', async () => {
    const dir = tempDir('fieldbook-signing-');
    const { privateKey, publicPem, publicFile } = generate(dir);
    if (process.platform !== 'win32') expect(fs.statSync(privateKey).mode & 0o777).toBe(0o600);
    // The module holds the public half of exactly this private key.
    expect(createPublicKey(fs.readFileSync(privateKey, 'utf8')).export({ type: 'spki', format: 'pem' })).toBe(publicPem);
    const again = tsx('gen-update-key.ts', ['--private-key', privateKey, '--public-key-module', path.join(dir, 'other.ts')]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Could not write the private key .*EEXIST/);

    const artifact = path.join(dir, 'Fieldbook-1.0.0-linux-x86_64.AppImage');
    fs.writeFileSync(artifact, Buffer.alloc(100_000, 7));
    const signed = tsx('sign-update.ts', [artifact, '--key-file', privateKey, '--public-key', publicFile]);
    expect(signed.code, signed.err).toBe(0);
    const sig = fs.readFileSync(`${artifact}.sig`, 'utf8');
    expect(await verifyUpdateFile(artifact, sig, ed25519PublicKey(publicPem))).toEqual({ ok: true });

    // CI passes the key in the environment instead of a file.
    fs.rmSync(`${artifact}.sig`);
    const fromEnv = tsx('sign-update.ts', [artifact, '--public-key', publicFile], { FIELDBOOK_UPDATE_SIGNING_KEY: fs.readFileSync(privateKey, 'utf8') });
    expect(fromEnv.code, fromEnv.err).toBe(0);
    expect(fs.readFileSync(`${artifact}.sig`, 'utf8')).toBe(sig); // Ed25519 is deterministic
  });

  it('refuses to sign with a key that does not match the app’s public key, or with no key, writing nothing', () => {
    const dir = tempDir('fieldbook-signing-');
    const { privateKey } = generate(dir);
    const artifact = path.join(dir, 'Fieldbook-1.0.0-linux-x86_64.AppImage');
    fs.writeFileSync(artifact, 'update');

    // Checked against the key built into the app (electron/main/update-public-key.ts), which this fresh key is not.
    expect(UPDATE_PUBLIC_KEY_PEM).toContain('BEGIN PUBLIC KEY');
    const mismatch = tsx('sign-update.ts', [artifact, '--key-file', privateKey]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toMatch(/the signing key does not match the app's public key/);
    expect(fs.existsSync(`${artifact}.sig`)).toBe(false);

    const none = tsx('sign-update.ts', [artifact]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No signing key: pass --key-file <pem> or set FIELDBOOK_UPDATE_SIGNING_KEY/);
    expect(fs.existsSync(`${artifact}.sig`)).toBe(false);
  });
});
