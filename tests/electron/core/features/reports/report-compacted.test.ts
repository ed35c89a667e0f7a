/**
 * The job report after compaction: "Completed" is the time the job last moved
 * to Done, read from the change log; when that change was folded it is read
 * from the fold's status winner, so the report prints the same time rather than
 * "Not completed". Real core, real handler, PDF read back by pdftotext.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../../electron/core/blobs/object-store.js';
import { compactHistory } from '../../../../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../../../../electron/core/changes/history-archive.js';
import type { Job } from '../../../../../shared/domain/jobs.js';
import type { ExportResult } from '../../../../../shared/domain/reports.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { startObjectStore } from '../../../../helpers/object-store.js';
import { pdfText } from '../../../../helpers/pdf-tools.js';
import { DialogStandIn } from '../../../../helpers/report-work.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const HOUR = 3_600_000;

describe('job report of a compacted job', () => {
  it('prints the completion time kept in the fold', async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const folder = tempDir('fieldbook-report-');
    const core = await startTestCore({ clockNow: () => now, saveTarget: new DialogStandIn(folder) });
    await invoke(core, 'profile.set', { name: 'Alex Field' });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Pump check' });
    now += HOUR;
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    const doneAt = new Date(now).toISOString().slice(0, 16).replace('T', ' ');
    now += HOUR;
    // A later edit that does not touch the status, then another job's (the log's top row is never folded).
    await invoke(core, 'jobs.update', { id: job.id, description: 'Checked twice' });
    now += HOUR;
    await invoke(core, 'jobs.create', { title: 'Newest' });

    const completedLine = async () => {
      const result = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: job.id });
      if (result.status !== 'saved') throw new Error(`report not saved: ${result.status}`);
      const text = pdfText(path.join(folder, result.fileName));
      fs.rmSync(path.join(folder, result.fileName));
      return /Completed\s+(\d{4}-\d\d-\d\d \d\d:\d\d UTC|Not completed)/.exec(text)?.[1];
    };
    expect(await completedLine()).toBe(`${doneAt} UTC`);

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    await compactHistory(core.replica.db, { cutoffStamp: '9999999999999', archive: archiveInObjectStore(store) });
    expect((await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [job.id]))?.n).toBe(0);
    expect(await completedLine()).toBe(`${doneAt} UTC`);

    // A status change after the fold is a row again, and it decides.
    now += HOUR;
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    now += HOUR;
    await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
    expect(await completedLine()).toBe(`${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    store.close();
  }, 90_000);
});
