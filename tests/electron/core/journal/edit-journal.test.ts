/**
 * The journal file on its own: framing, checksums, torn tails, versions, and
 * trimming that never loses a record appended meanwhile. Real files in a temp dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeRow } from '../../../../electron/core/changes/projection.js';
import { EditJournal, journalPath } from '../../../../electron/core/journal/edit-journal.js';
import { encodeHeader, HEADER_BYTES, JournalVersionError } from '../../../../electron/core/journal/journal-format.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function change(n: number): ChangeRow {
  return {
    id: `change-${n}`,
    entity: 'job',
    entity_id: `job-${n}`,
    kind: 'update',
    hlc: `000000000${n}-0000-device`,
    device_id: 'device',
    actor: 'Ana Ruiz',
    fields: JSON.stringify({ title: `Title ${n} — ünïcödé` }),
    created_at: '2026-12-01T10:00:00.000Z',
  };
}

function journalFile(): string {
  return path.join(tempDir('fieldbook-journal-'), 'fieldbook.journal');
}

/** Stage and commit, the way a transaction does it. */
function commit(journal: EditJournal, ...rows: ChangeRow[]): void {
  for (const row of rows) journal.stage(row);
  journal.committed();
}

describe('edit journal', () => {
  it('lives beside the replica as <name>.journal', () => {
    expect(journalPath('/data/ws/fieldbook.db')).toBe(path.join('/data/ws', 'fieldbook.journal'));
  });

  it('keeps committed rows across reopening, byte for byte, and never the rolled-back ones', async () => {
    const file = journalFile();
    const journal = await EditJournal.open(file);
    commit(journal, change(1), change(2));
    journal.stage(change(3));
    journal.rolledBack();
    commit(journal, change(4));
    journal.close();
    const again = await EditJournal.open(file);
    expect(again.records()).toEqual([change(1), change(2), change(4)]);
    expect(again.openReport).toEqual({ corrupt: 0, tornTail: false, movedAside: null });
  });

  it('lists ids from memory and reads back only the rows asked for', async () => {
    const journal = await EditJournal.open(journalFile());
    commit(journal, change(1), change(2), change(3));
    expect(journal.ids()).toEqual(['change-1', 'change-2', 'change-3']);
    expect(journal.records(new Set(['change-2']))).toEqual([change(2)]);
    expect(journal.records(new Set())).toEqual([]);
  });

  it('starts with a header naming the format: magic and version', async () => {
    const file = journalFile();
    (await EditJournal.open(file)).close();
    const data = fs.readFileSync(file);
    expect(data.subarray(0, 8).toString('latin1')).toBe('FBJOURNL');
    expect(data.readUInt32LE(8)).toBe(1);
    expect(data.length).toBe(HEADER_BYTES);
  });

  it('refuses a journal from a newer format version, naming the file and the version, and leaves it untouched', async () => {
    const file = journalFile();
    const future = Buffer.concat([encodeHeader(7), Buffer.from('whatever a newer app writes')]);
    fs.writeFileSync(file, future);
    await expect(EditJournal.open(file)).rejects.toThrow(JournalVersionError);
    await expect(EditJournal.open(file)).rejects.toThrow(/format version 7.*Update Fieldbook/);
    expect(fs.readFileSync(file).equals(future)).toBe(true);
  });

  it('cuts a torn last record (a crash mid-append) and keeps appending after the last whole one', async () => {
    const file = journalFile();
    const journal = await EditJournal.open(file);
    commit(journal, change(1), change(2));
    journal.close();
    const whole = fs.statSync(file).size;
    // Half of a third record, as a kill during write() leaves it.
    const torn = fs.readFileSync(file).subarray(HEADER_BYTES, HEADER_BYTES + 40);
    fs.appendFileSync(file, torn);
    const reopened = await EditJournal.open(file);
    expect(reopened.openReport.tornTail).toBe(true);
    expect(fs.statSync(file).size).toBe(whole);
    commit(reopened, change(3));
    reopened.close();
    expect((await EditJournal.open(file)).records().map((r) => r.id)).toEqual(['change-1', 'change-2', 'change-3']);
  });

  it('skips a record whose checksum fails and reads the ones after it', async () => {
    const file = journalFile();
    const journal = await EditJournal.open(file);
    commit(journal, change(1), change(2), change(3));
    journal.close();
    const data = fs.readFileSync(file);
    // Flip a byte inside the second record's payload (its frame starts after the first record).
    const firstLength = data.readUInt32LE(HEADER_BYTES);
    const second = HEADER_BYTES + 8 + firstLength;
    data.writeUInt8(data.readUInt8(second + 13) ^ 0xff, second + 13);
    fs.writeFileSync(file, data);
    const reopened = await EditJournal.open(file);
    expect(reopened.openReport.corrupt).toBe(1);
    expect(reopened.records().map((r) => r.id)).toEqual(['change-1', 'change-3']);
  });

  it('moves a file that is not a journal aside (kept) and starts a new one', async () => {
    const file = journalFile();
    fs.writeFileSync(file, 'garbage that is no journal at all');
    const journal = await EditJournal.open(file);
    expect(journal.openReport.movedAside).toMatch(/fieldbook\.journal\.unreadable-/);
    expect(fs.readFileSync(journal.openReport.movedAside!, 'utf8')).toBe('garbage that is no journal at all');
    expect(journal.records()).toEqual([]);
    commit(journal, change(1));
    expect((await EditJournal.open(file)).records()).toEqual([change(1)]);
  });

  it('an empty file (a crash while creating it) is simply a new journal', async () => {
    const file = journalFile();
    fs.writeFileSync(file, '');
    const journal = await EditJournal.open(file);
    expect(journal.openReport.movedAside).toBeNull();
    commit(journal, change(1));
    expect((await EditJournal.open(file)).records()).toEqual([change(1)]);
  });

  it('drops only records the mark covers and the primary holds; records appended after the mark stay', async () => {
    const file = journalFile();
    const journal = await EditJournal.open(file);
    commit(journal, change(1), change(2), change(3));
    const mark = journal.mark();
    expect(journal.idsUpTo(mark)).toEqual(['change-1', 'change-2', 'change-3']);
    commit(journal, change(4)); // appended while the push ran
    // The primary holds 1 and 3, and (by another laptop's push) even 4: 4 is after the mark, so it stays.
    const dropped = await journal.drop(mark, new Set(['change-1', 'change-3', 'change-4']));
    expect(dropped).toBe(2);
    expect(journal.records().map((r) => r.id)).toEqual(['change-2', 'change-4']);
    commit(journal, change(5));
    journal.close();
    expect((await EditJournal.open(file)).records().map((r) => r.id)).toEqual(['change-2', 'change-4', 'change-5']);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('an edit appended while the rewrite runs off the event loop is kept, in order, and found after reopening', async () => {
    const file = journalFile();
    const journal = await EditJournal.open(file);
    commit(journal, change(1), change(2), change(3));
    const dropping = journal.drop(journal.mark(), new Set(['change-1', 'change-2']));
    commit(journal, change(4)); // lands while the rewrite awaits its read and fsync
    expect(await dropping).toBe(2);
    commit(journal, change(5));
    expect(journal.ids()).toEqual(['change-3', 'change-4', 'change-5']);
    expect(journal.records().map((r) => r.id)).toEqual(['change-3', 'change-4', 'change-5']);
    // The in-memory offsets match the file: a mark taken now covers all three and drops only what it is told.
    expect(await journal.drop(journal.mark(), new Set(['change-4']))).toBe(1);
    journal.close();
    expect((await EditJournal.open(file)).records()).toEqual([change(3), change(5)]);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('a mark from before a rewrite no longer drops anything (its offsets are stale)', async () => {
    const journal = await EditJournal.open(journalFile());
    commit(journal, change(1), change(2));
    const old = journal.mark();
    await journal.drop(journal.mark(), new Set(['change-1']));
    expect(journal.idsUpTo(old)).toEqual([]);
    expect(await journal.drop(old, new Set(['change-2']))).toBe(0);
    expect(journal.records().map((r) => r.id)).toEqual(['change-2']);
  });

  it('a failed append is reported, not thrown (the edit is already committed in the replica)', async () => {
    const errors: string[] = [];
    const file = journalFile();
    const journal = await EditJournal.open(file, (message) => errors.push(message));
    journal.close(); // every write now fails, as on a vanished disk
    expect(() => commit(journal, change(1))).not.toThrow();
    expect(errors).toEqual([expect.stringMatching(/could not append 1 edit/)]);
    expect((await EditJournal.open(file)).records()).toEqual([]);
  });
});
