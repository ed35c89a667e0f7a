/**
 * The team's S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, the local
 * s3rver), through the AWS SDK: no signing of our own. Objects are keyed by
 * the original's sha256, so sending one twice writes the same object.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { ObjectStoreConfig } from './object-store-settings.js';

export interface ObjectStore {
  /** Bytes of the stored object, or null when the store does not have it. */
  size(sha256: string): Promise<number | null>;
  put(sha256: string, body: Uint8Array, mediaType: string): Promise<void>;
  /** The object's bytes, or null when the store does not have it. */
  get(sha256: string): Promise<Buffer | null>;
  close(): void;
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

/** An SDK client for the configured store, one attempt per call (callers own their retries). */
export function s3ClientFor(config: ObjectStoreConfig, timeouts: { connectionTimeout: number; requestTimeout: number }): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint ?? undefined,
    // MinIO, s3rver and most self-hosted stores only speak path-style; AWS's own endpoint (no endpoint set) uses virtual hosts.
    forcePathStyle: config.endpoint !== null,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The upload queue retries forever with its own backoff; one attempt per call keeps its state honest.
    maxAttempts: 1,
    requestHandler: timeouts,
  });
}

export function openObjectStore(config: ObjectStoreConfig): ObjectStore {
  const client = s3ClientFor(config, { connectionTimeout: 5_000, requestTimeout: 120_000 });
  const key = (sha256: string) => `${config.prefix}${sha256}`;
  return {
    async size(sha256) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: key(sha256) }));
        return head.ContentLength ?? null;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async put(sha256, body, mediaType) {
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key(sha256), Body: body, ContentType: mediaType, ContentLength: body.length }));
    },
    async get(sha256) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key(sha256) }));
        if (!answer.Body) return null;
        return Buffer.from(await answer.Body.transformToByteArray());
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    close() {
      client.destroy();
    },
  };
}

/** Plain words for a failed store request, for the Sync screen. */
export function describeStoreError(error: unknown): string {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (status === 403 || error.name === 'InvalidAccessKeyId' || error.name === 'SignatureDoesNotMatch' || error.name === 'AccessDenied') {
      return 'The photo store refused the access key: check the key and secret in Settings → Photo storage.';
    }
    if (error.name === 'NoSuchBucket') return 'The photo store has no such bucket: check the bucket name in Settings → Photo storage.';
    return `The photo store answered ${status ?? ''} ${error.name}; Fieldbook will try again.`.replace(/\s+/g, ' ');
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|ECONNRESET|timeout|fetch failed/i.test(message)) {
    return 'The photo store cannot be reached (offline?); photos wait on this laptop and are sent when it is back.';
  }
  return `Uploading failed (${message}); Fieldbook will try again.`;
}
