import { describe, expect, it } from 'vitest';
import { acknowledgedBody, FetchWindow } from '../../../../electron/core/engine-host/fetch-window.js';

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('engine host download window', () => {
  it('holds the sender once a window is in flight and lets it go as the host acknowledges', async () => {
    const window = new FetchWindow(100);
    expect(await window.room(1, 60)).toBe(true);
    expect(await window.room(1, 40)).toBe(true);
    const third = window.room(1, 30);
    expect(await settled(third)).toBe(false);
    window.ack(1, 20);
    expect(await settled(third)).toBe(false); // 80 + 30 still over 100
    window.ack(1, 60);
    expect(await third).toBe(true);
    // Another response has a window of its own.
    expect(await window.room(2, 100)).toBe(true);
  });

  it('always lets one chunk through, however large, and gives up once the host is gone', async () => {
    const window = new FetchWindow(10);
    expect(await window.room(1, 1_000)).toBe(true);
    const waiting = window.room(1, 1);
    expect(await settled(waiting)).toBe(false);
    window.close();
    expect(await waiting).toBe(false);
    expect(await window.room(3, 1)).toBe(false);
  });

  it("the host's body reports what the reader consumed", async () => {
    const acks: number[] = [];
    const body = acknowledgedBody((consumed) => acks.push(consumed), 100);
    body.enqueue(new Uint8Array(30));
    body.enqueue(new Uint8Array(50));
    const reader = body.stream.getReader();
    expect((await reader.read()).value?.byteLength).toBe(30);
    await new Promise((resolve) => setImmediate(resolve));
    expect(acks.at(-1)).toBe(30);
    expect((await reader.read()).value?.byteLength).toBe(50);
    await new Promise((resolve) => setImmediate(resolve));
    expect(acks.at(-1)).toBe(80);
    // Never more than was enqueued, never backwards.
    expect([...acks].sort((a, b) => a - b)).toEqual(acks);
    expect(Math.max(...acks)).toBe(80);
  });
});
