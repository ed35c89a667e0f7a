/**
 * Is the primary reachable? The OS online flag is only a hint, so the loop asks
 * the primary itself: any HTTP answer means reachable, no answer means offline.
 */
export type Probe = (url: string) => Promise<boolean>;

export function httpUrl(url: string): string {
  return url.replace(/^libsql:\/\//, 'https://');
}

export function createHttpProbe(timeoutMs = 3000, fetchImpl: typeof fetch = fetch): Probe {
  return async (url) => {
    try {
      const response = await fetchImpl(httpUrl(url), { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  };
}
