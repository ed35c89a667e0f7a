/**
 * When the start-up check runs (and when it must not), and how its child's
 * end is judged, on real replica files with the real check child.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeChildRunner, type ChildRunner } from '../../../../electron/core/db/child-runner.js';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { ReplicaHealth } from '../../../../electron/core/db/replica-health.js';
import { tempDir } from '../../../helpers/temp-dir.js';

async function replicaWithRows(): Promise<string> {
  const file = path.join(tempDir(), 'w.db');
  const replica = await openReplica({ path: file, remote: () => null });
  await replica.db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  await replica.db.transaction(async (tx) => {
    for (let i = 0; i < 2000; i++) await tx.run('INSERT INTO t (v) VALUES (?)', [`row ${i} ${'x'.repeat(100)}`]);
  });
  await replica.checkpoint();
  await replica.close();
  return file;
}

/** The real child, counted. */
function counting(): { runner: ChildRunner; runs: () => number } {
  let runs = 0;
  return {
    runner: (script, args, timeoutMs) => {
      runs += 1;
      return nodeChildRunner(script, args, timeoutMs);
    },
    runs: () => runs,
  };
}

/** One app run: check, open, close cleanly. */
async function cleanRun(health: ReplicaHealth): Promise<void> {
  await health.beforeOpen();
  const replica = await openReplica({ path: health.replicaPath, remote: () => null });
  await replica.close();
  health.markClosedCleanly();
}

describe('replica health', () => {
  it('checks once when there is no record, never after a clean close with unchanged files', async () => {
    const file = await replicaWithRows();
    const child = counting();
    const health = new ReplicaHealth(file, { runChild: child.runner });
    const first = await health.beforeOpen();
    expect(first).toMatchObject({ damaged: null, checkedBecause: expect.stringMatching(/no record/) });
    const replica = await openReplica({ path: file, remote: () => null });
    await replica.close();
    health.markClosedCleanly();
    expect(child.runs()).toBe(1);

    for (let i = 0; i < 3; i++) {
      const again = new ReplicaHealth(file, { runChild: child.runner });
      expect(await again.beforeOpen()).toEqual({ damaged: null, checkedBecause: null, checkMs: null });
      const reopened = await openReplica({ path: file, remote: () => null });
      await reopened.close();
      again.markClosedCleanly();
    }
    expect(child.runs()).toBe(1);
  });

  it('checks after an unclean exit and after the files changed while closed, and finds overwritten pages', async () => {
    const file = await replicaWithRows();
    const child = counting();
    await cleanRun(new ReplicaHealth(file, { runChild: child.runner }));

    // A run that never closed: the record still says open.
    await new ReplicaHealth(file, { runChild: child.runner }).beforeOpen();
    const afterCrash = await new ReplicaHealth(file, { runChild: child.runner }).beforeOpen();
    expect(afterCrash).toMatchObject({ damaged: null, checkedBecause: expect.stringMatching(/did not close cleanly/) });

    await cleanRun(new ReplicaHealth(file, { runChild: child.runner }));
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(fs.statSync(file).size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    const changed = await new ReplicaHealth(file, { runChild: child.runner }).beforeOpen();
    expect(changed.checkedBecause).toMatch(/changed while Fieldbook was closed/);
    expect(changed.damaged).toMatch(/damaged \(.*(Corrupt database|Invalid page type)/i);
  });

  it('a check process that aborts means damage; one that merely fails to run does not', async () => {
    const file = await replicaWithRows();
    const aborted: ChildRunner = async () => ({
      code: null,
      signal: 'SIGABRT',
      stdout: '',
      stderr: "thread '<unnamed>' panicked at core/storage/pager.rs:190:29:\nindex out of bounds: the len is 4096 but the index is 44314\n",
      timedOut: false,
    });
    const verdict = await new ReplicaHealth(file, { runChild: aborted }).beforeOpen();
    expect(verdict.damaged).toMatch(/engine crashed .*SIGABRT: panicked at core\/storage\/pager\.rs/);

    const brokenScript = await new ReplicaHealth(file, { childScript: path.join(tempDir(), 'missing.js') }).beforeOpen();
    expect(brokenScript.damaged).toBeNull();
  });

  it('runs that keep crashing although every check passes are taken as damage after three', async () => {
    const file = await replicaWithRows();
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await new ReplicaHealth(file).beforeOpen()).damaged);
    expect(verdicts.slice(0, 3)).toEqual([null, null, null]);
    expect(verdicts[3]).toMatch(/stopped unexpectedly 3 times in a row/);
  });

  it('corruption seen while serving makes the next start check, even after a clean close', async () => {
    const file = await replicaWithRows();
    const child = counting();
    await cleanRun(new ReplicaHealth(file, { runChild: child.runner }));
    const serving = new ReplicaHealth(file, { runChild: child.runner });
    await serving.beforeOpen();
    serving.noteCorruption(new Error('Corrupt database: Invalid page type: 130'));
    serving.markClosedCleanly();
    const next = await new ReplicaHealth(file, { runChild: child.runner }).beforeOpen();
    expect(next.checkedBecause).toMatch(/reported damage while in use \(Corrupt database/);
  });
});
