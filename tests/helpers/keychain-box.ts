import crypto from 'node:crypto';
import type { SecretBox } from '../../electron/core/settings/secret-box.js';

/**
 * A stand-in for the OS keychain (none exists on this machine): real AES-GCM
 * with a random key held in memory, so ciphertext on disk is really opaque.
 */
export class TestKeychainBox implements SecretBox {
  readonly isSecure = true;
  readonly backend = 'test keychain';
  private readonly key = crypto.randomBytes(32);

  encrypt(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}
