/**
 * History of a compacted record whose archive object was tampered with in a
 * real local object store (s3rver): an object substituted under the same
 * name (well-formed rows that say something else) or damaged (cut short) is
 * refused, not shown as history. History still shows what the replica holds
 * (the values in force, as a summary) and says the archived part could not
 * be read and why.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../electron/core/blobs/object-store.js';
import { compactHistory } from '../../../../electron/core/changes/compaction.js';
import { foldArchive, loadFolds } from '../../../../electron/core/changes/folds.js';
import { archiveInObjectStore, encodeArchive, verifiedArchive } from '../../../../electron/core/changes/history-archive.js';
import { listHistory } from '../../../../electron/core/changes/history.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { startTestCore } from '../../../helpers/core.js';
import { edit } from '../../../helpers/edits.js';
import { startObjectStore } from '../../../helpers/object-store.js';

const HOUR = 3_600_000;

describe('history with a tampered archive', () => {
  it('refuses a substituted or damaged archive object and shows the values in force, saying why', { timeout: 120_000 }, async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    const id = uuidv7(now);
    const step = async (kind: 'create' | 'update', values: Record<string, string | null>) => {
      now += HOUR;
      await edit(core, 'job', id, kind, values);
    };
    await step('create', { title: 'Boiler', description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    await step('update', { title: 'Boiler, checked' });
    await step('update', { assignee: 'Ana' });
    now += HOUR;
    await edit(core, 'job', uuidv7(now), 'create', { title: 'Newest', description: '' });

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    await compactHistory(db, { cutoffStamp: '9999999999999', archive });
    const keys = (await loadFolds(db, 'job', [id])).flatMap(foldArchive);
    expect(keys).toHaveLength(1);
    const key = keys[0]!;
    const genuine = await archive.get(key);
    expect(genuine).not.toBeNull();
    const intact = await listHistory(db, jobEntity, id, () => archive);
    expect(intact.map((e) => [e.source, e.archiveNote])).toEqual([
      ['archive', undefined],
      ['archive', undefined],
      ['archive', undefined],
    ]);

    // The same rows with one title changed, under the genuine object's name; and the genuine bytes cut short.
    const rows = verifiedArchive(key, genuine!);
    const substituted = gzipSync(Buffer.from(rows.map((row) => JSON.stringify({ ...row, fields: row.fields.replace('Boiler, checked', 'Forged') })).join('\n')));
    expect(encodeArchive(rows).key).toBe(key);
    for (const [what, body] of [
      ['substituted', substituted],
      ['damaged', genuine!.subarray(0, genuine!.length - 10)],
    ] as const) {
      await archive.put(key, body);
      const shown = await listHistory(db, jobEntity, id, () => archive);
      expect(shown.length, what).toBeGreaterThan(0);
      expect(shown.every((e) => e.source === 'summary' && e.fields.every((f) => f.current)), what).toBe(true);
      expect(JSON.stringify(shown), what).not.toMatch(/Forged/);
      const fields = Object.fromEntries(shown.flatMap((e) => e.fields.map((f) => [f.field, f.value])));
      expect(fields, what).toMatchObject({ title: 'Boiler, checked', assignee: 'Ana', status: 'open' });
      const note = shown.find((e) => e.archiveNote)?.archiveNote;
      expect(note, what).toMatch(/archived part of this history could not be read: the workspace archive holds a damaged or substituted object/);
      expect(note, what).toContain(key);
      expect(note, what).toMatch(/values still in force are shown/);
    }

    // The genuine object back: the full history again.
    await archive.put(key, genuine!);
    expect((await listHistory(db, jobEntity, id, () => archive)).map((e) => e.source)).toEqual(['archive', 'archive', 'archive']);
    store.close();
  });
});

