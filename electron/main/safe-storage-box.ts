import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/settings/secret-box.js';

/** The OS keychain via Electron's safeStorage. On Linux without a keyring it is plain text: say so. */
export function safeStorageBox(safeStorage: SafeStorage): SecretBox {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const isSecure = safeStorage.isEncryptionAvailable() && backend !== 'basic_text';
  return {
    isSecure,
    backend,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
