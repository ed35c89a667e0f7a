/**
 * The renderer's Content-Security-Policy, sent as a response header by both
 * the app:// protocol (Electron) and the browser host. Scripts and styles come
 * only from the app itself, nothing is inlined or eval'd, and nothing remote
 * is reachable: only main talks to the primary. In Electron the page talks
 * only over IPC, so it may connect nowhere; the browser host needs its own
 * loopback /rpc socket.
 */
export interface CspOptions {
  /** Exact origins the page may connect to (e.g. `ws://127.0.0.1:5123`); none by default. */
  connectTo?: readonly string[];
}

export function contentSecurityPolicy({ connectTo = [] }: CspOptions = {}): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': connectTo.length > 0 ? connectTo : ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'none'"],
    'manifest-src': ["'none'"],
    'media-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers sent with every renderer file. */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
