import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ObjectStoreSettingsStore } from '../../../../electron/core/blobs/object-store-settings.js';
import { UnprotectedSecretBox, type SecretBox } from '../../../../electron/core/settings/secret-box.js';
import { contract } from '../../../../shared/contract/index.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** Stand-in for the OS keychain: reversible, but not the plain text. */
const keychain: SecretBox = {
  isSecure: true,
  backend: 'test keychain',
  encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decrypt: (cipher) => Buffer.from(cipher).reverse().toString('utf8'),
};

const saved = { endpoint: 'https://store.example.com', bucket: 'team-photos', region: 'auto', accessKeyId: 'AKIA1' };

describe('photo store settings', () => {
  it('keeps the secret only as ciphertext, never shows it, and drops it when the endpoint moves to another origin', () => {
    const dir = tempDir();
    const settings = new ObjectStoreSettingsStore(dir, keychain);
    expect(settings.config()).toBeNull();
    settings.save({ ...saved, secretAccessKey: 'very-secret-value' });
    expect(fs.readFileSync(settings.file, 'utf8')).not.toContain('very-secret-value');
    expect(fs.statSync(settings.file).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(settings.view())).not.toContain('very-secret-value');
    expect(settings.view()).toMatchObject({ bucket: 'team-photos', hasSecret: true, usingDefault: false });
    expect(settings.config()?.secretAccessKey).toBe('very-secret-value');

    // Same origin, other path: the secret stays.
    settings.save({ ...saved, endpoint: 'https://store.example.com/s3' });
    expect(settings.config()?.secretAccessKey).toBe('very-secret-value');
    // Another server: the old secret must never sign requests to it.
    settings.save({ ...saved, endpoint: 'https://elsewhere.example.net' });
    expect(settings.config()).toBeNull();
    expect(settings.view().hasSecret).toBe(false);
    // Reopened from disk, the same.
    expect(new ObjectStoreSettingsStore(dir, keychain).config()).toBeNull();
  });

  it('uses the development store only while nothing is saved', () => {
    const fallback = { endpoint: 'http://127.0.0.1:4568', bucket: 'dev', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'p/' };
    const settings = new ObjectStoreSettingsStore(tempDir(), new UnprotectedSecretBox(), fallback);
    expect(settings.config()).toEqual(fallback);
    expect(settings.view()).toMatchObject({ usingDefault: true, bucket: 'dev' });
    settings.save({ ...saved, secretAccessKey: 'x' });
    expect(settings.config()?.bucket).toBe('team-photos');
  });

  it('the contract refuses plain http to another computer, bad bucket names and bad prefixes', () => {
    const schema = contract['settings.setObjectStore'].input;
    const ok = { endpoint: 'https://s3.example.com', bucket: 'team-photos', region: 'eu-west-1', accessKeyId: 'AK', secretAccessKey: 's' };
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse({ ...ok, endpoint: 'http://127.0.0.1:9000' }).success).toBe(true);
    expect(schema.safeParse({ ...ok, endpoint: 'http://s3.example.com' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, endpoint: 'https://user@evil.example' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, bucket: 'Team_Photos' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, prefix: '../x' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, prefix: 'fieldbook/photos/' }).success).toBe(true);
  });
});
