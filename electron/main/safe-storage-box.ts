import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/settings/secret-box.js';

/**
 * The OS keychain via Electron's safeStorage. On Linux without a keyring the
 * backend is `basic_text` (a fixed key, effectively plain text): say so, so
 * the user is asked before a token is saved that way.
 */
export function safeStorageBox(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  const available = safeStorage.isEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'darwin' ? 'keychain' : 'dpapi';
  const isSecure = available && backend !== 'basic_text' && backend !== 'unknown';
  return {
    isSecure,
    backend: available ? backend : 'unavailable',
    encrypt: (plain) => {
      if (!available) throw new Error('The OS offers no encryption for secrets (safeStorage is unavailable).');
      return safeStorage.encryptString(plain);
    },
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
