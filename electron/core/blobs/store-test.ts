/**
 * "Test photo storage": one PUT and one HEAD of a small probe object under the
 * photo prefix, answered in plain words for each way it can fail.
 *
 * Why not HeadBucket: it needs s3:ListBucket on the whole bucket, which the
 * minimal policy in the README does not give (only under the prefix), so a
 * correctly limited key would test as failing. Why not put + delete: the
 * laptops' key has no delete permission on purpose. The probe key is fixed, so
 * testing again overwrites the one small object instead of adding more. The
 * PUT alone tells apart an endpoint that does not answer, an unknown key, a
 * wrong secret, a missing bucket and a key that may not write; the HEAD then
 * checks this key can read photos back (other laptops' originals).
 */
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import type { StoreTestResult } from '../../../shared/domain/attachments.js';
import type { ObjectStoreConfig } from './object-store-settings.js';
import { s3ClientFor } from './object-store.js';

export const PROBE_NAME = 'fieldbook-connection-test';
const PROBE_BODY = 'Written by Fieldbook\'s "Test photo storage"; safe to delete.\n';

function where(config: ObjectStoreConfig): string {
  return config.endpoint ?? `AWS S3 (${config.region})`;
}

function network(error: unknown): string | null {
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? ''} ${String((error as { code?: string })?.code ?? '')}`;
  if (/TimeoutError|timed? ?out|ETIMEDOUT/i.test(text)) return 'it did not answer in time';
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|socket hang up|fetch failed/i.test(text)) return 'nothing answered at that address';
  return null;
}

/** The S3 error's name as the store sent it (AWS, R2, MinIO and s3rver use the same codes). */
const codeOf = (error: unknown) => (error instanceof S3ServiceException ? error.name : null);
const statusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

function putProblem(config: ObjectStoreConfig, error: unknown, latencyMs: number | null): StoreTestResult {
  const unreachable = network(error);
  if (unreachable) {
    return { ok: false, problem: 'unreachable', latencyMs: null, message: `Could not reach the photo store at ${where(config)}: ${unreachable}. Check the endpoint and the network; photos wait on this laptop meanwhile.` };
  }
  const code = codeOf(error);
  const status = statusOf(error);
  const fail = (problem: StoreTestResult['problem'], message: string): StoreTestResult => ({ ok: false, problem, latencyMs, message });
  if (code === 'InvalidAccessKeyId') return fail('credentials', `The photo store does not know the access key ${config.accessKeyId}. Check the access key.`);
  if (code === 'SignatureDoesNotMatch') return fail('credentials', 'The photo store refused the secret for this access key. Enter the secret again.');
  if (code === 'NoSuchBucket') return fail('bucket', `The photo store has no bucket named ${config.bucket}. Check the bucket name (and the region).`);
  if (code === 'AccessDenied' || status === 403) {
    return fail('write', `The access key was accepted, but it may not write to bucket ${config.bucket} under ${config.prefix || 'its root'}. Give it s3:PutObject there (see the README's bucket policy).`);
  }
  if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || status === 301) {
    return fail('bucket', `The bucket ${config.bucket} is in another region than ${config.region}. Set the bucket's region.`);
  }
  return fail('other', `The photo store answered, but not as expected (${[status, code].filter(Boolean).join(' ') || 'no reason given'}). Check the endpoint.`);
}

export async function testObjectStore(config: ObjectStoreConfig, options: { timeoutMs?: number; now?: () => number } = {}): Promise<StoreTestResult> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 8000;
  const client = s3ClientFor(config, { connectionTimeout: timeoutMs, requestTimeout: timeoutMs });

  const Key = `${config.prefix}${PROBE_NAME}`;
  const Bucket = config.bucket;
  try {
    const started = now();
    try {
      await client.send(new PutObjectCommand({ Bucket, Key, Body: PROBE_BODY, ContentType: 'text/plain' }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return putProblem(config, error, network(error) ? null : now() - started);
    }
    const latencyMs = now() - started;
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (network(error)) return putProblem(config, error, null);
      return {
        ok: false,
        problem: 'read',
        latencyMs,
        message: `Photos can be uploaded to ${Bucket}, but this key may not read them back (${statusOf(error) ?? codeOf(error) ?? 'refused'}): photos from other laptops will not open. Give it s3:GetObject there.`,
      };
    }
    // Best effort: the laptops' key usually has no delete permission, and the probe is one small fixed object.
    await client.send(new DeleteObjectCommand({ Bucket, Key }), { abortSignal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
    return { ok: true, problem: null, latencyMs, message: `Photo storage works: bucket ${Bucket} at ${where(config)} accepted a test upload and read it back (${latencyMs} ms).` };
  } finally {
    client.destroy();
  }
}
