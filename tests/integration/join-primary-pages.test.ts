/**
 * A new laptop migrates its empty file before its first pull and pushes that
 * DDL; the primary replays it. Indexes that later migrations drop must not be
 * built over the team's data on the way (db/superseded-indexes.ts: empty): each
 * page that writes lands in the WAL the sync server serves, so the new laptop
 * downloaded them on top of the primary's own pages (151 pages more at 5,000
 * jobs × 40), and every other laptop pulled them on its next pull.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { primarySql, startLocalPrimary, type LocalPrimary } from '../../electron/core/primary/local-primary.js';
import type { JobPage } from '../../shared/domain/jobs.js';
import { defaultShape, generatePrimary } from '../../scripts/bench/history-gen.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const JOBS = 400;
const running: LocalPrimary[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
});

describe('a new laptop joining a workspace', () => {
  it('writes a handful of pages into the primary, not the indexes later migrations dropped', async () => {
    // Uncompacted (no free pages to absorb an index build): 400 jobs × 20 changes, 8,000 change rows.
    const generated = await generatePrimary(path.join(tempDir('fieldbook-join-pages-'), 'primary.db'), defaultShape(JOBS, 20, { months: 6 }));
    const walFile = `${generated.file}-wal`;
    const walBefore = fs.statSync(walFile).size;
    const primary = await startLocalPrimary({ dbPath: generated.file });
    running.push(primary);

    const core = await startTestCore({ primaryUrl: primary.url });
    await waitFor('the generated jobs on the new laptop', async () => ((await invoke<JobPage>(core, 'jobs.list', { limit: 500 })).items.length === JOBS ? true : undefined), 60_000);
    await waitFor('the first cycle up to date with nothing to push', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0, 60_000);

    // The server never checkpoints: the frames the join wrote are the WAL's growth. The laptop's
    // pushed migrations (the superseded indexes built empty and dropped) and bookkeeping rows touch a few
    // pages (9 measured); built over the data, as before, they wrote 252 frames here.
    const framesWritten = (fs.statSync(walFile).size - walBefore) / (generated.pageSize + 24);
    expect(framesWritten).toBeLessThan(20);
    const indexes = (await primarySql(primary.url, `SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name`)).map((r) => String(r[0]));
    expect(indexes).toContain('changes_stamp_idx');
    for (const dropped of ['changes_hlc_idx', 'jobs_status_due_idx', 'jobs_priority_idx', 'jobs_due_idx']) expect(indexes).not.toContain(dropped);
    // The laptop holds the primary's pages and a few more: what the join added there (the engine's
    // bookkeeping table, version rows) and its own local change capture. Built and dropped on the
    // primary, the indexes would have left their pages in the file as free pages, downloaded too.
    const laptopPages = Number((await core.replica.db.get<{ page_count: number }>('PRAGMA page_count'))?.page_count);
    const primaryPages = generated.fileBytes / generated.pageSize;
    expect(laptopPages).toBeGreaterThanOrEqual(primaryPages);
    expect(laptopPages).toBeLessThan(primaryPages + 20);
  }, 120_000);
});
