/**
 * "Test photo storage" in Settings. Fields the worker typed are tested as
 * typed; the rest come from the saved settings. The saved secret stays in main
 * and is used only for the endpoint origin it was saved with: any caller may
 * name an endpoint, so testing another one needs its secret in the same call.
 */
import type { StoreTestResult } from '../../../../shared/domain/attachments.js';
import type { ParsedInput } from '../../../../shared/contract/index.js';
import { endpointOrigin, type ObjectStoreConfig, type ObjectStoreSettingsStore } from '../../blobs/object-store-settings.js';
import { testObjectStore } from '../../blobs/store-test.js';

type Typed = ParsedInput<'settings.testObjectStore'>;

export function storeToTest(settings: ObjectStoreSettingsStore, typed: Typed): ObjectStoreConfig | { missing: string } {
  const saved = settings.config();
  const shown = settings.view();
  const endpoint = typed.endpoint !== undefined ? typed.endpoint : shown.endpoint;
  const bucket = typed.bucket ?? shown.bucket;
  const accessKeyId = typed.accessKeyId ?? shown.accessKeyId;
  const secret =
    typed.secretAccessKey ?? (saved !== null && endpointOrigin(saved.endpoint) === endpointOrigin(endpoint) && saved.accessKeyId === accessKeyId ? saved.secretAccessKey : null);
  const missing = [!bucket && 'the bucket', !accessKeyId && 'the access key', !secret && 'the secret'].filter(Boolean);
  if (!bucket || !accessKeyId || !secret) return { missing: missing.join(', ') };
  return { endpoint, bucket, region: typed.region ?? shown.region, accessKeyId, secretAccessKey: secret, prefix: typed.prefix ?? shown.prefix };
}

export async function testPhotoStorage(settings: ObjectStoreSettingsStore, typed: Typed): Promise<StoreTestResult> {
  const config = storeToTest(settings, typed);
  if ('missing' in config) {
    return { ok: false, problem: 'incomplete', latencyMs: null, message: `Nothing to test yet: enter ${config.missing} (the saved secret is used only for the endpoint it was saved with).` };
  }
  return testObjectStore(config);
}
