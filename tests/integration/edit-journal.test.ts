/**
 * The edit journal wired into the app: what goes in (every committed local
 * edit, whichever handler made it, before the answer; nothing rolled back),
 * when it is trimmed (only once a real primary holds the edit), and Repair and
 * start-up using it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLICA_FILE, type Core } from '../../electron/core/app-core.js';
import type { ChangeRow } from '../../electron/core/changes/projection.js';
import { EditJournal, journalPath } from '../../electron/core/journal/edit-journal.js';
import { encodeHeader } from '../../electron/core/journal/journal-format.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { RepairReport } from '../../shared/domain/sync.js';
import { invoke, startTestCore } from '../helpers/core.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

function replicaFile(core: Core): string {
  return path.join(core.settings.workspaceDir(core.settings.current.currentWorkspaceId), REPLICA_FILE);
}

/** Read the journal file as the next start-up would. */
async function journalRows(core: Core): Promise<ChangeRow[]> {
  const journal = await EditJournal.open(journalPath(replicaFile(core)));
  try {
    return journal.records();
  } finally {
    journal.close();
  }
}

async function changeRows(core: Core): Promise<ChangeRow[]> {
  return core.replica.db.all<ChangeRow>('SELECT id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes ORDER BY id');
}

const byId = (a: ChangeRow, b: ChangeRow) => (a.id < b.id ? -1 : 1);

describe('edit journal in the app', () => {
  it('holds every committed change row exactly as written, from every write path, by the time the handler answers', async () => {
    const core = await startTestCore();
    await invoke(core, 'profile.set', { name: 'Ana Ruiz' });
    await invoke(core, 'workspace.loadSampleData');
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Journal me' });
    await invoke(core, 'jobs.update', { id: job.id, title: 'Journal me again' });
    await invoke(core, 'notes.add', { jobId: job.id, body: 'A note' });
    const [first] = (await core.replica.db.all<{ id: string }>("SELECT id FROM changes WHERE entity_id = ? AND kind = 'create'", [job.id]));
    await invoke(core, 'history.restore', { changeId: first!.id, field: 'title' });
    // No primary: nothing is trimmed, so the journal and the change log hold the same rows.
    expect((await journalRows(core)).sort(byId)).toEqual((await changeRows(core)).sort(byId));
    expect((await journalRows(core)).length).toBeGreaterThan(10);
  });

  it('journals nothing for an edit whose transaction rolled back', async () => {
    const core = await startTestCore();
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Done soon' });
    await invoke(core, 'jobs.delete', { id: job.id });
    const before = (await journalRows(core)).length;
    // The handler writes nothing it can keep: editing a deleted job fails inside its transaction.
    const result = await core.dispatch('jobs.update', { id: job.id, title: 'Too late' });
    expect(result.ok).toBe(false);
    await invoke(core, 'jobs.create', { title: 'Next edit' });
    const rows = await journalRows(core);
    expect(rows).toHaveLength(before + 1);
    expect(rows.some((r) => r.fields.includes('Too late'))).toBe(false);
  });

  it('is trimmed only once the primary holds the edits; edits made while offline stay until they are pushed', async () => {
    const primary = await startPrimary();
    const core = await startTestCore({ primaryUrl: primary.url });
    await invoke(core, 'jobs.create', { title: 'Pushed' });
    await waitFor('the journal to be trimmed after the push', async () => core.sync.status.state === 'up_to_date' && (await journalRows(core)).length === 0);

    await core.sync.stop();
    const offline = await invoke<Job>(core, 'jobs.create', { title: 'Offline' });
    expect((await journalRows(core)).map((r) => r.entity_id)).toEqual([offline.id]);
    await core.sync.start();
    await waitFor('the offline edit pushed and trimmed', async () => core.sync.status.state === 'up_to_date' && (await journalRows(core)).length === 0);
  });

  it('Repair of a running replica whose database file was overwritten keeps the unpushed edit', async () => {
    const primary = await startPrimary();
    const core = await startTestCore({ primaryUrl: primary.url });
    await invoke(core, 'jobs.create', { title: 'Synced' });
    await waitFor('synced', () => core.sync.status.state === 'up_to_date' && core.sync.status.pendingChanges === 0);
    await core.sync.stop();
    const unpushed = await invoke<Job>(core, 'jobs.create', { title: 'Only in the journal' });
    fs.writeFileSync(replicaFile(core), 'overwritten by something else');

    const report = await invoke<RepairReport>(core, 'sync.repair', { force: true });
    expect(report.reapplied).toBe(1);
    expect(report.message).toMatch(/1 edit not yet on the primary was re-applied/);
    expect((await invoke<Job>(core, 'jobs.get', { id: unpushed.id })).title).toBe('Only in the journal');
  });

  it('refuses to start on a journal from a newer format, naming it, and leaves it as it is', async () => {
    const dataDir = tempDir('fieldbook-data-');
    const first = await startTestCore({ dataDir });
    const file = journalPath(replicaFile(first));
    await first.close();
    const future = encodeHeader(2);
    fs.writeFileSync(file, future);
    await expect(startTestCore({ dataDir })).rejects.toThrow(/fieldbook\.journal.*format version 2/);
    expect(fs.readFileSync(file).equals(future)).toBe(true);
  });

  it('a journal that is no journal at all is kept aside, a new one started, and the worker told', async () => {
    const dataDir = tempDir('fieldbook-data-');
    const first = await startTestCore({ dataDir });
    const file = journalPath(replicaFile(first));
    await first.close();
    fs.writeFileSync(file, 'not written by Fieldbook');
    const core = await startTestCore({ dataDir });
    expect(core.sync.status.notice).toMatch(/edit journal could not be read; it is kept in .*fieldbook\.journal\.unreadable-/);
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Journaled again' });
    expect((await journalRows(core)).map((r) => r.entity_id)).toEqual([job.id]);
  });
});
