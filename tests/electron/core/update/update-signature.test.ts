/**
 * Detached Ed25519 signatures of update files: a generated key pair and real
 * files on disk; the `.sig` fetch against a real HTTP server on loopback.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ed25519PrivateKey, ed25519PublicKey, parseSignature, signUpdate, verifyUpdateFile } from '../../../../electron/core/update/update-signature.js';
import { createDownloadVerifier, fetchSignatureText, signatureUrl } from '../../../../electron/core/update/verify-download.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function keyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

function artifact(dir: string, name = 'Fieldbook-1.2.3-linux-x86_64.AppImage', bytes = 256 * 1024): string {
  const file = path.join(dir, name);
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 31 + 7) % 251;
  fs.writeFileSync(file, data);
  return file;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real HTTP server on loopback answering from a table of path → [status, body]. */
async function serve(routes: Record<string, [number, string | Buffer]>): Promise<string> {
  const server = http.createServer((request, response) => {
    const [status, body] = routes[request.url ?? ''] ?? [404, 'not found'];
    response.statusCode = status;
    response.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('update signatures', () => {
  it('a signature made with the private key verifies the file with the public key', async () => {
    const { publicKey, privateKey } = keyPair();
    const file = artifact(tempDir());
    const sig = signUpdate(fs.readFileSync(file), privateKey);
    expect(sig).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    expect(await verifyUpdateFile(file, sig, publicKey)).toEqual({ ok: true });
  });

  it('refuses a changed file, another key, and a malformed signature, saying which', async () => {
    const { publicKey, privateKey } = keyPair();
    const dir = tempDir();
    const file = artifact(dir);
    const sig = signUpdate(fs.readFileSync(file), privateKey);

    const other = keyPair();
    expect(await verifyUpdateFile(file, sig, other.publicKey)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });

    const data = fs.readFileSync(file);
    data[1000] = data[1000]! ^ 1;
    fs.writeFileSync(file, data);
    expect((await verifyUpdateFile(file, sig, publicKey)).ok).toBe(false);

    expect(await verifyUpdateFile(file, 'not a signature!', publicKey)).toEqual({ ok: false, reason: 'the signature file is not base64' });
    expect(await verifyUpdateFile(file, Buffer.alloc(32).toString('base64'), publicKey)).toEqual({
      ok: false,
      reason: 'the signature is 32 bytes, an Ed25519 signature has 64',
    });
    expect(() => parseSignature('')).toThrow(/not base64/);
  });

  it('accepts only Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => ed25519PublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(/is rsa, not ed25519/);
    expect(() => ed25519PrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/is rsa, not ed25519/);
  });
});

describe('signatureUrl', () => {
  const update = (files: string[]) => ({ version: '1.2.3', downloadedFile: '/cache/pending/Fieldbook-1.2.3-linux-x86_64.AppImage', files: files.map((url) => ({ url })) });

  it('is the downloaded artifact’s URL in the feed plus .sig', () => {
    expect(signatureUrl(update(['Fieldbook-1.2.3-linux-x86_64.AppImage']), 'https://updates.example/desktop')).toBe(
      'https://updates.example/desktop/Fieldbook-1.2.3-linux-x86_64.AppImage.sig',
    );
    expect(
      signatureUrl(update(['Fieldbook-1.2.3-linux-amd64.deb', 'https://cdn.example/r/Fieldbook-1.2.3-linux-x86_64.AppImage']), 'https://updates.example/desktop/'),
    ).toBe('https://cdn.example/r/Fieldbook-1.2.3-linux-x86_64.AppImage.sig');
  });

  it('refuses when the update info does not name the downloaded file', () => {
    expect(() => signatureUrl(update(['Other.AppImage']), 'https://updates.example/desktop')).toThrow(
      'the update info lists no file named Fieldbook-1.2.3-linux-x86_64.AppImage',
    );
  });
});

describe('createDownloadVerifier with the real fetch', () => {
  it('fetches <artifact>.sig from the feed and verifies the downloaded file; a missing or bad one is refused', async () => {
    const { publicKey, privateKey } = keyPair();
    const dir = tempDir();
    const file = artifact(dir);
    const name = path.basename(file);
    const good = signUpdate(fs.readFileSync(file), privateKey);
    const forged = signUpdate(fs.readFileSync(file), keyPair().privateKey);
    const base = await serve({ [`/good/${name}.sig`]: [200, good], [`/forged/${name}.sig`]: [200, forged] });
    const info = { version: '1.2.3', downloadedFile: file, files: [{ url: name }] };
    const verifier = (feed: string) => createDownloadVerifier({ publicKey, feedUrl: `${base}/${feed}`, fetchSignature: fetchSignatureText });

    expect(await verifier('good')(info)).toEqual({ ok: true });
    expect(await verifier('forged')(info)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(await verifier('missing')(info)).toEqual({ ok: false, reason: `no signature at ${base}/missing/${name}.sig: HTTP 404` });
    fs.rmSync(file);
    expect(await verifier('good')(info)).toEqual({ ok: false, reason: expect.stringMatching(/could not read the downloaded file/) });
  });

  it('fetches signatures only over HTTPS (plain HTTP on loopback only) and refuses an oversized one', async () => {
    await expect(fetchSignatureText('http://updates.example/x.sig')).rejects.toThrow('refusing to fetch a signature over http:');
    await expect(fetchSignatureText('file:///etc/passwd')).rejects.toThrow('refusing to fetch a signature over file:');
    const base = await serve({ '/big.sig': [200, Buffer.alloc(10_000, 65)] });
    await expect(fetchSignatureText(`${base}/big.sig`)).rejects.toThrow('the signature file is 10000 bytes, more than 4096');
  });
});
