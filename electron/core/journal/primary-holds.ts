/**
 * Which of some change ids the primary holds, asked over its HTTP SQL
 * endpoint. The journal drops a record only after this says the primary has it
 * (a successful push alone does not prove it: a primary can be restored from
 * an older backup, and the engine can lose track of what it pushed).
 */
import type { RemoteTarget } from '../db/replica.js';
import { httpUrl } from '../sync/probe.js';

const IDS_PER_REQUEST = 200;

interface PipelineBody {
  results?: { type: string; response?: { result?: { rows?: { value?: unknown }[][] } }; error?: { message?: string } }[];
}

export async function changesOnPrimary(remote: RemoteTarget, ids: readonly string[], fetchImpl: typeof fetch = fetch): Promise<Set<string>> {
  const found = new Set<string>();
  const url = `${httpUrl(remote.url).replace(/\/+$/, '')}/v2/pipeline`;
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const batch = ids.slice(i, i + IDS_PER_REQUEST);
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(remote.authToken ? { authorization: `Bearer ${remote.authToken}` } : {}) },
      body: JSON.stringify({
        requests: [
          {
            type: 'execute',
            stmt: { sql: `SELECT id FROM changes WHERE id IN (${batch.map(() => '?').join(', ')})`, args: batch.map((value) => ({ type: 'text', value })) },
          },
        ],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`primary answered HTTP ${response.status}`);
    const first = ((await response.json()) as PipelineBody).results?.[0];
    if (!first || first.type !== 'ok') throw new Error(`primary could not list changes: ${first?.error?.message ?? 'no answer'}`);
    for (const row of first.response?.result?.rows ?? []) {
      const value = row[0]?.value;
      if (typeof value === 'string') found.add(value);
    }
  }
  return found;
}
