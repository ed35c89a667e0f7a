import { describe, expect, it } from 'vitest';
import { safeStorageBox } from '../../../electron/main/safe-storage-box.js';

/** A stand-in for Electron's safeStorage (no OS keychain here): reversible, and says which backend it is. */
function fakeSafeStorage(backend: string, available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as never,
    encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptString: (cipher: Buffer) => Buffer.from([...cipher].map((b) => b ^ 0x5a)).toString(),
  };
}

describe('safeStorageBox', () => {
  it('is secure with a real Linux keyring', () => {
    const box = safeStorageBox(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(box.isSecure).toBe(true);
    expect(box.backend).toBe('gnome_libsecret');
    expect(box.decrypt(box.encrypt('t0ken'))).toBe('t0ken');
  });

  it('says it is not secure with the basic_text fallback', () => {
    const box = safeStorageBox(fakeSafeStorage('basic_text'), 'linux');
    expect(box.isSecure).toBe(false);
    expect(box.backend).toBe('basic_text');
  });

  it('uses the OS store on macOS and Windows', () => {
    expect(safeStorageBox(fakeSafeStorage('unknown'), 'darwin')).toMatchObject({ isSecure: true, backend: 'keychain' });
    expect(safeStorageBox(fakeSafeStorage('unknown'), 'win32')).toMatchObject({ isSecure: true, backend: 'dpapi' });
  });

  it('refuses to encrypt when no encryption is available', () => {
    const box = safeStorageBox(fakeSafeStorage('basic_text', false), 'linux');
    expect(box.isSecure).toBe(false);
    expect(() => box.encrypt('t0ken')).toThrow(/no encryption/);
  });
});
