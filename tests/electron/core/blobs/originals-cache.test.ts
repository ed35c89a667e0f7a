import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore, sha256Hex } from '../../../../electron/core/blobs/blob-store.js';
import { Originals } from '../../../../electron/core/blobs/originals.js';
import { StoreConnection } from '../../../../electron/core/blobs/store-connection.js';
import { UploadQueue } from '../../../../electron/core/blobs/upload-queue.js';
import { startObjectStore } from '../../../helpers/object-store.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { openObjectStore } from '../../../../electron/core/blobs/object-store.js';

const blob = (n: number, size = 1000) => Buffer.alloc(size, n);

describe('originals on this laptop', () => {
  it('evicts the least recently used blobs beyond the cap, never one still waiting for upload', async () => {
    const dir = tempDir();
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    const queue = await UploadQueue.open(path.join(dir, 'q.jsonl'));
    const originals = new Originals(blobs, queue, new StoreConnection(() => null), 2_500);
    const hashes: string[] = [];
    for (let i = 1; i <= 4; i += 1) {
      const hash = await blobs.put(blob(i));
      hashes.push(hash);
      // Distinct use times: 1 oldest.
      fs.utimesSync(blobs.pathOf(hash), new Date(i * 1000_000), new Date(i * 1000_000));
    }
    queue.enqueue(hashes[0]!, 1000); // the oldest is not uploaded yet
    await originals.local(hashes[2]!); // reading the third makes it the newest
    expect(await originals.evict()).toBe(2);
    const left = (await blobs.list()).map((e) => e.hash).sort();
    expect(left).toEqual([hashes[0]!, hashes[2]!].sort());
    queue.close();
  });

  it('a damaged or cut-off blob counts as missing and is fetched from the store again, checked by its hash', async () => {
    const dir = tempDir();
    const store = await startObjectStore();
    const bytes = blob(9, 50_000);
    const hash = sha256Hex(bytes);
    const client = openObjectStore(store.config);
    await client.put(hash, bytes, 'image/jpeg');
    client.close();
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    const queue = await UploadQueue.open(path.join(dir, 'q.jsonl'));
    const connection = new StoreConnection(() => store.config);
    const originals = new Originals(blobs, queue, connection, 10_000_000);
    await blobs.put(bytes);
    fs.writeFileSync(blobs.pathOf(hash), bytes.subarray(0, 10)); // truncated on disk
    expect(await originals.local(hash)).toBeNull();
    const result = await originals.get(hash);
    expect('bytes' in result && sha256Hex(result.bytes)).toBe(hash);
    expect(sha256Hex(fs.readFileSync(blobs.pathOf(hash)))).toBe(hash);
    expect(fs.statSync(blobs.pathOf(hash)).mode & 0o777).toBe(0o600);
    // The store itself holding a wrong copy is refused, not kept.
    const wrong = sha256Hex(blob(1, 10));
    const bad = openObjectStore(store.config);
    await bad.put(wrong, blob(2, 10), 'image/jpeg');
    bad.close();
    expect(await originals.get(wrong)).toEqual({ missing: expect.stringMatching(/damaged copy/) });
    expect(blobs.has(wrong)).toBe(false);
    connection.close();
    queue.close();
  });
});
