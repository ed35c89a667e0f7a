/**
 * The engine in its own process (engine-host/): the replica behaves as in
 * process (reads, writes, transactions with the journal observer told in main,
 * blobs and big integers), a host killed with SIGKILL fails only the calls in
 * flight and is started again, a transaction begun in a dead host is never
 * continued in the next one, and hosts that keep dying are not restarted
 * forever. Real replica files, real child processes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransactionObserver } from '../../../../electron/core/db/database.js';
import { isCorruptionError } from '../../../../electron/core/db/corruption-error.js';
import { openReplica, type Replica } from '../../../../electron/core/db/replica.js';
import { engineHostConnector, type HostedEngine } from '../../../../electron/core/engine-host/hosted-engine.js';
import { EngineStoppedError } from '../../../../electron/core/engine-host/engine-stopped.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function recordingObserver(): TransactionObserver & { ends: string[] } {
  const ends: string[] = [];
  return { ends, committed: () => ends.push('committed'), rolledBack: () => ends.push('rolledBack') };
}

async function hosted(options: Parameters<typeof engineHostConnector>[0] = {}, observer?: TransactionObserver): Promise<{ replica: Replica; engine: () => HostedEngine }> {
  const connector = engineHostConnector(options);
  const replica = await openReplica({ path: path.join(tempDir(), 'w.db'), remote: () => null, connector, transactions: observer });
  await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, n INTEGER, b BLOB)');
  return { replica, engine: () => connector.engines.at(-1)! };
}

async function killHost(engine: HostedEngine): Promise<void> {
  const pid = engine.pid!;
  expect(pid).not.toBe(process.pid);
  process.kill(pid, 'SIGKILL');
  // Wait until main has seen the death (the next call then starts a new host).
  for (let i = 0; i < 200 && engine.pid === pid; i++) await new Promise((r) => setTimeout(r, 20));
  expect(engine.pid).not.toBe(pid);
}

describe('replica served by the engine host process', () => {
  it('reads and writes like the in-process engine, values intact, in another process', async () => {
    const { replica, engine } = await hosted();
    expect(engine().pid).toBeGreaterThan(0);
    expect(engine().pid).not.toBe(process.pid);
    await replica.db.run('INSERT INTO t VALUES (?, ?, ?)', ['a', 2 ** 40, new Uint8Array([1, 2, 255])]);
    await replica.db.run('INSERT INTO t VALUES (?, ?, ?)', ['b', 9007199254740993n, null]);
    const rows = await replica.db.all<{ id: string; n: number; b: Uint8Array | null }>('SELECT id, n, b FROM t ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[0]!.n).toBe(2 ** 40);
    expect([...new Uint8Array(rows[0]!.b!)]).toEqual([1, 2, 255]);
    expect(await replica.db.get('SELECT id FROM t WHERE id = ?', ['zzz'])).toBeUndefined();
    expect((await replica.db.run('DELETE FROM t WHERE id = ?', ['b'])).changes).toBe(1);
    expect((await replica.stats()).cdcOperations).toBeGreaterThan(0);
    await expect(replica.db.all('SELECT nope FROM t')).rejects.toThrow(/nope/);
    await replica.close();
  });

  it('answers a read with the same rows as the in-process engine: names, repeated names, nulls, blobs, no rows', async () => {
    const { replica } = await hosted();
    await replica.db.run('INSERT INTO t VALUES (?, ?, ?)', ['a', 7, new Uint8Array([9])]);
    await replica.db.run('INSERT INTO t VALUES (?, ?, ?)', ['b', null, null]);
    const sql = "SELECT id, n AS x, b, 'one' AS x, t.id AS \"odd name\" FROM t ORDER BY id";
    const fromHost = await replica.db.all<Record<string, unknown>>(sql);
    const dir = tempDir();
    const local = await openReplica({ path: path.join(dir, 'local.db'), remote: () => null });
    await local.db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, b BLOB)');
    await local.db.run('INSERT INTO t VALUES (?, ?, ?)', ['a', 7, new Uint8Array([9])]);
    await local.db.run('INSERT INTO t VALUES (?, ?, ?)', ['b', null, null]);
    const inProcess = await local.db.all<Record<string, unknown>>(sql);
    expect(fromHost.map((r) => Object.keys(r))).toEqual(inProcess.map((r) => Object.keys(r)));
    expect(fromHost.map((r) => ({ ...r, b: r.b ? [...new Uint8Array(r.b as Uint8Array)] : r.b }))).toEqual(
      inProcess.map((r) => ({ ...r, b: r.b ? [...new Uint8Array(r.b as Uint8Array)] : r.b })),
    );
    expect(fromHost[0]).toMatchObject({ id: 'a', x: 'one', 'odd name': 'a' });
    expect(await replica.db.all('SELECT id FROM t WHERE id = ?', ['none'])).toEqual([]);
    await local.close();
    await replica.close();
  });

  it('runs a transaction in main with its statements in the host, and tells the observer in main', async () => {
    const observer = recordingObserver();
    const { replica } = await hosted({}, observer);
    await replica.db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (id) VALUES (?)', ['kept']);
    });
    await expect(
      replica.db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id) VALUES (?)', ['dropped']);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(observer.ends).toEqual(['committed', 'rolledBack']);
    expect(await replica.db.all('SELECT id FROM t')).toEqual([{ id: 'kept' }]);
    await replica.close();
  });

  it('SIGKILL of the host: main survives, the next read starts a new host, and the data is there', async () => {
    const stops: EngineStoppedError[] = [];
    const { replica, engine } = await hosted({ onStopped: (error) => stops.push(error) });
    await replica.db.run('INSERT INTO t (id) VALUES (?)', ['before']);
    const first = engine().pid;
    await killHost(engine());
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ kind: 'stopped', code: 'STORAGE_FAILED' });
    expect(stops[0]!.message).toMatch(/database engine stopped unexpectedly \(ended by SIGKILL\)/);
    // A kill is not damage: sync and the core must not offer Repair for it.
    expect(isCorruptionError(stops[0])).toBe(false);
    expect(await replica.db.all('SELECT id FROM t')).toEqual([{ id: 'before' }]);
    expect(engine().pid).not.toBe(first);
    await replica.db.run('INSERT INTO t (id) VALUES (?)', ['after']);
    expect((await replica.db.all('SELECT id FROM t ORDER BY id')).length).toBe(2);
    await replica.close();
  });

  it('a transaction whose host dies mid-way fails, is never finished in the next host, and the observer hears rolledBack', async () => {
    const observer = recordingObserver();
    const { replica, engine } = await hosted({}, observer);
    const running = replica.db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (id) VALUES (?)', ['first half']);
      await killHost(engine());
      await tx.run('INSERT INTO t (id) VALUES (?)', ['second half']);
    });
    await expect(running).rejects.toBeInstanceOf(EngineStoppedError);
    expect(observer.ends).toEqual(['rolledBack']);
    expect(await replica.db.all('SELECT id FROM t')).toEqual([]);
    // The write lock was released: the next transaction works.
    await replica.db.transaction((tx) => tx.run('INSERT INTO t (id) VALUES (?)', ['next']));
    expect(await replica.db.all('SELECT id FROM t')).toEqual([{ id: 'next' }]);
    await replica.close();
  });

  it('hosts that keep dying are not restarted forever: after the limit, calls fail with an error that offers Repair', async () => {
    const stops: EngineStoppedError[] = [];
    const { replica, engine } = await hosted({ restartLimit: 2, onStopped: (error) => stops.push(error) });
    await killHost(engine());
    await replica.db.all('SELECT 1');
    const pid = engine().pid!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => stops.length).toBe(2);
    expect(stops[1]).toMatchObject({ kind: 'gave-up' });
    await expect(replica.db.all('SELECT 1')).rejects.toThrow(/kept stopping \(2 times in a row.*Repair/);
    expect(isCorruptionError(stops[1])).toBe(true);
    expect(engine().pid).toBeUndefined();
    await replica.close();
  });

  it('a statement that hangs past the bound stops the host with a clear error, and the next call works', async () => {
    const { replica } = await hosted({ callTimeoutMs: 1_000 });
    await replica.db.exec(`INSERT INTO t (id) VALUES ${Array.from({ length: 1_000 }, (_, i) => `('${i}')`).join(',')}`);
    // A three-way cross join of 1,000 rows (10^9 combinations) runs far longer than the 1 s bound.
    const slow = replica.db.get('SELECT count(*) AS n FROM t a, t b, t c');
    await expect(slow).rejects.toThrow(/database engine did not answer within 1 s and was stopped/);
    expect(await replica.db.get<{ one: number }>('SELECT 1 AS one')).toEqual({ one: 1 });
    await replica.close();
  });
});
