import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadQueue } from '../../../../electron/core/blobs/upload-queue.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('the upload queue journal', () => {
  it('keeps every state across a reopen; an upload cut off mid-way is waiting again; a torn last line is skipped', async () => {
    const file = path.join(tempDir(), 'uploads.local.jsonl');
    const queue = await UploadQueue.open(file);
    queue.enqueue(hash(1), 100);
    queue.enqueue(hash(2), 200);
    queue.enqueue(hash(3), 300);
    queue.mark(hash(1), 'uploading');
    queue.mark(hash(1), 'uploaded');
    queue.mark(hash(2), 'uploading');
    queue.mark(hash(3), 'failed', { lastError: 'refused', retryAtMs: Date.now() + 60_000 });
    queue.enqueue(hash(1), 100); // already sent: stays sent
    queue.close();
    // A crash in the middle of the next append.
    fs.appendFileSync(file, '{"sha256":"' + hash(3) + '","state":"uplo');

    const again = await UploadQueue.open(file);
    expect(again.get(hash(1))).toMatchObject({ state: 'uploaded', attempts: 1 });
    expect(again.get(hash(2))).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(again.get(hash(3))).toMatchObject({ state: 'failed', lastError: 'refused' });
    expect(again.waitingCount()).toBe(2);
    expect(again.pending().sort()).toEqual([hash(2), hash(3)]);
    // After a restart every unsent entry is due at once, oldest first.
    expect(again.next(Date.now(), new Set())).toEqual({ sha256: hash(2) });
    expect(again.next(Date.now(), new Set([hash(2)]))).toEqual({ sha256: hash(3) });
    again.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('waits for the retry time of a failed entry and says when to wake', async () => {
    const queue = await UploadQueue.open(path.join(tempDir(), 'q.jsonl'));
    queue.enqueue(hash(7), 10);
    queue.mark(hash(7), 'waiting', { lastError: 'offline', retryAtMs: 5_000 });
    expect(queue.next(4_000, new Set())).toEqual({ wakeAtMs: 5_000 });
    expect(queue.next(5_000, new Set())).toEqual({ sha256: hash(7) });
    queue.retryAllNow();
    expect(queue.next(0, new Set())).toEqual({ sha256: hash(7) });
    queue.close();
  });

  it('compacts a long journal and keeps only the newest uploaded entries', async () => {
    const file = path.join(tempDir(), 'q.jsonl');
    const queue = await UploadQueue.open(file);
    for (let i = 1; i <= 60; i += 1) {
      queue.enqueue(hash(i), i);
      queue.mark(hash(i), 'uploading');
      queue.mark(hash(i), 'uploaded');
    }
    queue.enqueue(hash(99), 1);
    queue.close();
    const reopened = await UploadQueue.open(file);
    expect(reopened.list().length).toBe(21);
    expect(reopened.get(hash(99))?.state).toBe('waiting');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(21);
    reopened.close();
  });

  it('closing twice never closes a file that reused its descriptor (the replica engine panicked on that)', async () => {
    const dir = tempDir();
    const queue = await UploadQueue.open(path.join(dir, 'q.jsonl'));
    queue.close();
    const other = fs.openSync(path.join(dir, 'other'), 'w');
    queue.close();
    expect(() => fs.fstatSync(other)).not.toThrow();
    fs.closeSync(other);
    expect(() => queue.enqueue(hash(1), 1)).toThrow(/closed/);
  });
});
