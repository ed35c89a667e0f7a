import { shortenMasked, type Secrets } from '../log/secret-mask.js';

/**
 * Turns engine and network failures into words a field worker can act on.
 * `secrets` (the live token) are masked by value before the text is shortened.
 */
export function describeSyncError(error: unknown, secrets: Secrets = []): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/401|403|unauthori[sz]ed|forbidden/i.test(text)) {
    return 'The primary refused the credentials. Check the auth token in Settings.';
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|network|timed? ?out|aborted/i.test(text)) {
    return 'The primary could not be reached. Your changes are saved on this laptop and will sync when the connection returns.';
  }
  if (/SQLITE_FULL|ENOSPC|disk is full|database or disk is full/i.test(text)) {
    return 'The disk is full. Free some space; nothing saved so far is lost.';
  }
  // Engine messages can quote the server's reply, which may echo the token: mask and redact before shortening.
  return `Sync failed: ${shortenMasked(text, 300, secrets)}. Fieldbook will retry automatically.`;
}
