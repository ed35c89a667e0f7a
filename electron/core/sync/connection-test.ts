/**
 * "Test connection": run `SELECT 1` on the primary over its HTTP SQL endpoint
 * (`/v2/pipeline`, served by Turso Cloud and `tursodb --sync-server` alike)
 * with the token, and say in plain words what happened.
 */
import type { ConnectionTestResult } from '../../../shared/domain/sync.js';
import { httpUrl } from './probe.js';

export async function testConnection(
  url: string,
  authToken: string | null,
  options: { timeoutMs?: number; fetchImpl?: typeof fetch; now?: () => number } = {},
): Promise<ConnectionTestResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const started = now();
  let response: Response;
  try {
    response = await fetchImpl(`${httpUrl(url).replace(/\/+$/, '')}/v2/pipeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authToken ? { authorization: `Bearer ${authToken}` } : {}) },
      body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql: 'SELECT 1' } }] }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'it did not answer in time' : 'nothing answered at that address';
    return {
      ok: false,
      latencyMs: null,
      message: `Could not reach ${url}: ${reason}. Check the address and the network; edits stay saved on this laptop.`,
    };
  }
  const latencyMs = now() - started;
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 401 || response.status === 403) {
    const message = authToken
      ? 'The primary answered but refused the auth token. Paste a fresh token from the Turso dashboard.'
      : 'The primary answered but asks for an auth token. Paste the token from the Turso dashboard.';
    return { ok: false, latencyMs, message };
  }
  if (!response.ok) {
    return {
      ok: false,
      latencyMs,
      message: `Something answered at ${url} but not like a Turso primary (HTTP ${response.status}). Check the address.`,
    };
  }
  return { ok: true, latencyMs, message: `Connected to the primary (${latencyMs} ms).` };
}
