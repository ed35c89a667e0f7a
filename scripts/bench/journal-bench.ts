/**
 * The edit journal's share of one durable edit: appending a real `changes`
 * row (framed, checksummed) to a journal file beside the replica and fsyncing
 * it, which every local edit now does after its commit and before its answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/app-core.js';
import type { ChangeRow } from '../../electron/core/changes/projection.js';
import { EditJournal } from '../../electron/core/journal/edit-journal.js';
import { timeRuns } from './measure.js';
import type { Results } from './results.js';

export async function benchJournalAppend(core: Core, results: Results, runs: number): Promise<void> {
  const row = await core.replica.db.get<ChangeRow>(
    "SELECT id, entity, entity_id, kind, hlc, device_id, actor, fields, created_at FROM changes WHERE kind = 'update' ORDER BY rowid DESC LIMIT 1",
  );
  if (!row) {
    results.skip('app.journal-append', 'local', 'journal append overhead per durable edit', 'app', 'ms', 'no update in the change log to copy');
    return;
  }
  // Same folder (so the same file system) as the replica's own journal, but a file of its own.
  const file = path.join(path.dirname(core.replica.path), 'bench-append.journal');
  const journal = await EditJournal.open(file);
  try {
    const samples = await timeRuns((i) => journal.append([{ ...row, id: `${row.id.slice(0, 28)}${String(i).padStart(8, '0')}` }]), { runs });
    results.samples('app.journal-append', 'local', 'journal append overhead per durable edit (append + fsync of one change row)', 'app', 'ms', samples, {
      recordBytes: Buffer.byteLength(JSON.stringify(row)),
    });
  } finally {
    journal.close();
    fs.rmSync(file, { force: true });
  }
}
