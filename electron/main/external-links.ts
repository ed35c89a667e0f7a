/** Links leave the app only through the OS browser or mail client, and only for safe schemes. */
import type { Shell } from 'electron';

export const EXTERNAL_SCHEMES: readonly string[] = ['https:', 'mailto:'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Opens the URL in the user's default app if its scheme is allowed; returns whether it did. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  // electronegativity-justified OPEN_EXTERNAL_JS_CHECK: only https: and mailto: URLs reach this line (checked above).
  void shell.openExternal(url).catch(() => undefined);
  return true;
}
