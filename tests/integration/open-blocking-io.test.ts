/**
 * Opening the app and its first sync cycle never wait for the disk on the
 * event loop: on a disk busy with gigabytes just written, one fsync (or a
 * rename over an existing file, which ext4 makes flush the new file first)
 * held main for 134–208 ms while a new laptop joined. Counted here, not
 * timed: every synchronous fsync, fdatasync and rename-over-a-file main runs
 * from "the core starts opening" to "first cycle up to date", for a new laptop
 * joining a real primary and for the same laptop starting again, and in a
 * cycle that pushes an edit and trims the journal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import { closeCore, invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { REPLICA_FILE, type Core } from '../../electron/core/app-core.js';
import { EditJournal, journalPath } from '../../electron/core/journal/edit-journal.js';

/**
 * Each blocking call main made, with the first frame of ours that made it. The
 * functions are swapped on the `fs` object itself, which the app's modules call
 * through (`fs.fsyncSync(...)`), so nothing of the app is replaced or stubbed.
 */
function watchBlockingCalls(): { calls: string[]; stop: () => void } {
  const calls: string[] = [];
  // Only the app's own calls count (not the test runner's): the first frame in electron/core, or none.
  const caller = () =>
    (new Error().stack ?? '')
      .split('\n')
      .find((line) => line.includes('/electron/core/'))
      ?.trim();
  const wrapped: { name: 'fsyncSync' | 'fdatasyncSync' | 'renameSync'; real: (...args: never[]) => unknown }[] = [];
  const wrap = <K extends 'fsyncSync' | 'fdatasyncSync' | 'renameSync'>(name: K, blocking: (args: Parameters<(typeof fs)[K]>) => boolean) => {
    const real = fs[name] as (...args: Parameters<(typeof fs)[K]>) => unknown;
    wrapped.push({ name, real: real as (...args: never[]) => unknown });
    (fs as unknown as Record<K, unknown>)[name] = (...args: Parameters<(typeof fs)[K]>) => {
      const at = caller();
      if (at && blocking(args)) calls.push(`${name} ${at}`);
      return real(...args);
    };
  };
  wrap('fsyncSync', () => true);
  wrap('fdatasyncSync', () => true);
  // A rename onto a new name costs nothing; onto an existing file it flushes the new one first (ext4).
  wrap('renameSync', ([, to]) => fs.existsSync(to));
  return {
    calls,
    stop: () => {
      for (const { name, real } of wrapped) (fs as unknown as Record<string, unknown>)[name] = real;
    },
  };
}

async function firstPageAndCycle(core: Core, title: string): Promise<void> {
  await waitFor(`the job "${title}" on the first page`, async () => (await invoke<JobPage>(core, 'jobs.list', { limit: 200 })).items.some((j) => j.title === title), 60_000);
  await waitFor('the first cycle up to date', () => core.sync.status.state === 'up_to_date', 60_000);
}

async function journalCount(file: string): Promise<number> {
  const journal = await EditJournal.open(file);
  journal.close();
  return journal.count;
}

let watching: { stop: () => void } | null = null;
afterEach(() => {
  watching?.stop();
  watching = null;
});

describe('opening the app and its first cycle', () => {
  it('run no fsync and no rename over a file on the event loop, joining a team and starting again', async () => {
    const primary = await startPrimary();
    const first = await startTestCore({ primaryUrl: primary.url });
    const job = await invoke<Job>(first, 'jobs.create', { title: 'Fix the pump at dock 4' });
    await waitFor('the edit pushed', () => first.sync.status.state === 'up_to_date' && first.sync.status.pendingChanges === 0, 60_000);
    await closeCore(first);

    const dataDir = tempDir('fieldbook-new-laptop-');
    const joining = watchBlockingCalls();
    watching = joining;
    const laptop = await startTestCore({ dataDir, primaryUrl: primary.url });
    await firstPageAndCycle(laptop, job.title);
    joining.stop();
    expect(joining.calls).toEqual([]);
    await closeCore(laptop);

    // Starting again: the health record, sync state and clock offset now exist, so their writes replace files.
    const again = watchBlockingCalls();
    watching = again;
    const reopened = await startTestCore({ dataDir, primaryUrl: primary.url });
    await firstPageAndCycle(reopened, job.title);
    again.stop();
    expect(again.calls).toEqual([]);

    // A cycle that pushes an edit and then trims the journal: the edit's own append fsyncs on the loop (before its handler answers, by design), the trim does not.
    const trimming = watchBlockingCalls();
    watching = trimming;
    await invoke(reopened, 'jobs.update', { id: job.id, title: 'Fix the pump at dock 5' });
    const journal = journalPath(path.join(reopened.settings.workspaceDir(reopened.settings.current.currentWorkspaceId), REPLICA_FILE));
    await waitFor(
      'the edit pushed and trimmed from the journal',
      async () => reopened.sync.status.state === 'up_to_date' && (await journalCount(journal)) === 0,
      60_000,
    );
    trimming.stop();
    // Left on the loop on purpose: the trim's rename (its temp file is already fsynced, so nothing is left to flush, and no append may land between it and the new descriptor).
    const allowed = (call: string) => call.includes('EditJournal.append') || call.startsWith('renameSync at EditJournal.drop');
    expect(trimming.calls.filter((call) => !allowed(call))).toEqual([]);
    expect(trimming.calls.length).toBeGreaterThan(0); // the append was seen: the watch works
  });
});
