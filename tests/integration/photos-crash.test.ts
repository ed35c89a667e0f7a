/** A laptop killed mid-upload resumes after restart, and the store ends with exactly one whole object per photo. */
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { UploadEntry } from '../../shared/domain/attachments.js';
import { sha256Hex } from '../../electron/core/blobs/blob-store.js';
import type { ObjectStoreConfig } from '../../electron/core/blobs/object-store-settings.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { runLaptop } from '../helpers/laptop-process.js';
import { startObjectStore } from '../helpers/object-store.js';
import { waitFor } from '../helpers/primary.js';
import { startSlowProxy } from '../helpers/slow-proxy.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixture = path.join(import.meta.dirname, 'fixtures/photo-laptop.ts');

async function storedObjects(config: ObjectStoreConfig): Promise<Map<string, string>> {
  const client = new S3Client({
    endpoint: config.endpoint!,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  });
  try {
    const list = await client.send(new ListObjectsV2Command({ Bucket: config.bucket }));
    const objects = new Map<string, string>();
    for (const item of list.Contents ?? []) {
      const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: item.Key! }));
      objects.set(item.Key!, sha256Hex(await object.Body!.transformToByteArray()));
    }
    return objects;
  } finally {
    client.destroy();
  }
}

describe('photo uploads and a crash', () => {
  it('SIGKILLed mid-upload, the laptop resumes after restart and the store holds each photo once, whole', async () => {
    const store = await startObjectStore();
    // 150 KB/s: a photo of a few hundred KB is still on the wire when the kill comes.
    const proxy = await startSlowProxy(store.port, 150_000);
    const slowConfig = { ...store.config, endpoint: `http://127.0.0.1:${proxy.port}` };
    const dataDir = tempDir('fieldbook-photo-laptop-');
    const run = await runLaptop<{ hashes: string[]; jobId: string }>(fixture, [dataDir, JSON.stringify(slowConfig), '3'], { killAtReady: true, timeoutMs: 90_000 });
    const distinct = [...new Set(run.result.hashes)].sort();
    expect(run.result.hashes).toHaveLength(4);
    expect(distinct).toHaveLength(3);

    const before = await storedObjects(store.config);
    expect(before.size).toBeLessThan(3);

    const laptop = await startTestCore({ dataDir, photos: { defaultObjectStore: store.config, uploadBackoff: { baseMs: 100, maxMs: 400 } } });
    const uploads = await waitFor(
      'every upload to finish after the restart',
      async () => {
        const entries = await invoke<UploadEntry[]>(laptop, 'attachments.uploads');
        return entries.length === 3 && entries.every((e) => e.state === 'uploaded') && entries;
      },
      30_000,
    );
    expect(uploads.map((e) => e.sha256).sort()).toEqual(distinct);
    const after = await storedObjects(store.config);
    expect([...after.keys()].sort()).toEqual(distinct.map((h) => `fieldbook/photos/${h}`));
    for (const [key, contentHash] of after) expect(key.endsWith(contentHash)).toBe(true);
  });
});
