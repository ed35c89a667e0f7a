/**
 * The Connection form's rules, kept out of the component: which URLs main
 * will take, and when the saved token will not go along with a typed URL
 * (main sends it only to the server it was saved for).
 */
import type { ConnectionSettings } from '../../../../shared/domain/workspace.js';
import { primaryUrlProblem } from '../../../../shared/primary-url.js';

/** `https://host:port` of a primary URL (libsql:// is https), or null when it does not parse. */
export function serverOf(url: string): string | null {
  try {
    return new URL(url.trim().replace(/^libsql:\/\//, 'https://')).origin;
  } catch {
    return null;
  }
}

/** True when a token is saved, none is typed, and the typed URL is on another server than the saved one. */
export function savedTokenStaysBehind(saved: ConnectionSettings | null, typedUrl: string, typedToken: string): boolean {
  if (!saved?.hasToken || typedToken !== '' || typedUrl.trim() === '') return false;
  const typed = serverOf(typedUrl);
  return typed === null || saved.url === null || typed !== serverOf(saved.url);
}

/** The sentence to show for a URL main would refuse, or null (an empty URL means "no primary"). */
export function urlMessage(url: string): string | null {
  const trimmed = url.trim();
  const problem = trimmed === '' ? null : primaryUrlProblem(trimmed);
  return problem ? `The primary URL ${problem}.` : null;
}
