/** The renderer is served from a custom scheme, not file://, so it has a real origin to check. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldbook';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True only for URLs of our own app origin. Compare protocol and host:
 * `URL.origin` is "null" for custom schemes in Node, so it cannot be used.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
