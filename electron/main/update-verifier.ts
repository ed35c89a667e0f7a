/**
 * The signature check for Linux updates, assembled from the key built into
 * the app and the feed in electron-builder.yml (a test keeps the two URLs
 * equal). macOS and Windows updates are checked by the OS code signature
 * (Squirrel.Mac; electron-updater's publisher check on Windows).
 */
import { ed25519PublicKey } from '../core/update/update-signature.js';
import { createDownloadVerifier, fetchSignatureText, type VerifyDownload } from '../core/update/verify-download.js';
import { UPDATE_PUBLIC_KEY_PEM } from './update-public-key.js';

/** electron-builder.yml `publish.url`. */
export const UPDATE_FEED_URL = 'https://updates.fieldbook.example/desktop';

export function updateVerifier(platform: NodeJS.Platform): VerifyDownload | undefined {
  if (platform !== 'linux') return undefined;
  return createDownloadVerifier({ publicKey: ed25519PublicKey(UPDATE_PUBLIC_KEY_PEM), feedUrl: UPDATE_FEED_URL, fetchSignature: fetchSignatureText });
}
