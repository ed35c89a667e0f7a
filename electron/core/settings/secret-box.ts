/**
 * Encrypts secrets (the auth token) at rest. The Electron layer provides one
 * backed by the OS keychain (safeStorage); plain-Node hosts provide their own.
 */
export interface SecretBox {
  /** False when the OS offers no real encryption (e.g. Linux without a keyring). */
  readonly isSecure: boolean;
  /** Short name of the backend, shown in Settings and diagnostics. */
  readonly backend: string;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/**
 * For the browser host and tests only, where no OS keychain exists: it says
 * plainly that it is not secure, and only obscures the token on disk.
 */
export class UnprotectedSecretBox implements SecretBox {
  readonly isSecure = false;
  readonly backend = 'none (development host)';
  encrypt(plain: string): Buffer {
    return Buffer.from(plain, 'utf8');
  }
  decrypt(cipher: Buffer): string {
    return cipher.toString('utf8');
  }
}
