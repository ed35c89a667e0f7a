/**
 * History and "as it was" of a record whose old edits were compacted: with
 * the archive (a real local s3rver) History lists every archived edit and can
 * restore one; without it (none set up, or unreachable) History shows the
 * values still in force as a summary instead of failing; as-of answers from
 * the fold for moments after it and refuses, in plain words, a moment inside it.
 */
import { describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../electron/core/blobs/object-store.js';
import { compactHistory } from '../../../../electron/core/changes/compaction.js';
import { archiveInObjectStore } from '../../../../electron/core/changes/history-archive.js';
import { listHistory, restoreField } from '../../../../electron/core/changes/history.js';
import { asOfJob } from '../../../../electron/core/features/as-of/as-of-queries.js';
import { jobEntity } from '../../../../electron/core/features/jobs/job-entity.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { startTestCore } from '../../../helpers/core.js';
import { edit } from '../../../helpers/edits.js';
import { startObjectStore } from '../../../helpers/object-store.js';

const HOUR = 3_600_000;

describe('history of a compacted record', () => {
  it('reads archived edits on demand, falls back to a summary offline, restores an archived value, and as-of refuses moments inside the fold', async () => {
    let now = Date.now() - 400 * 24 * HOUR;
    const core = await startTestCore({ clockNow: () => now });
    const db = core.replica.db;
    const id = uuidv7(now);
    const times: number[] = [];
    const step = async (kind: 'create' | 'update', values: Record<string, string | null>) => {
      now += HOUR;
      times.push(now);
      await edit(core, 'job', id, kind, values);
    };
    await step('create', { title: 'Boiler', description: '', siteId: null, priority: 'normal', status: 'open', assignee: null, dueDate: null });
    await step('update', { title: 'Boiler, checked' });
    await step('update', { assignee: 'Ana' });
    await step('update', { title: 'Boiler, done' });
    now += HOUR;
    await edit(core, 'job', uuidv7(now), 'create', { title: 'Newest', description: '' });

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const archive = archiveInObjectStore(store);
    expect(await compactHistory(db, { cutoffStamp: '9999999999999', archive })).toEqual({ folded: 4, folds: 1 });
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE entity_id = ?', [id]))?.n).toBe(0);

    const online = await listHistory(db, jobEntity, id, () => archive);
    expect(online.map((e) => [e.kind, e.source])).toEqual([
      ['update', 'archive'],
      ['update', 'archive'],
      ['update', 'archive'],
      ['create', 'archive'],
    ]);
    const titles = online.flatMap((e) => e.fields.filter((f) => f.field === 'title').map((f) => [f.value, f.current]));
    expect(titles).toEqual([
      ['Boiler, done', true],
      ['Boiler, checked', false],
      ['Boiler', false],
    ]);

    // No archive here, or one that cannot be reached: the values in force, marked as a summary.
    for (const source of [() => null, () => archive]) {
      if (source() !== null) await objectStore.stop();
      const offline = await listHistory(db, jobEntity, id, source);
      expect(offline.length).toBeGreaterThan(0);
      expect(offline.every((e) => e.source === 'summary' && e.fields.every((f) => f.current))).toBe(true);
      const fields = Object.fromEntries(offline.flatMap((e) => e.fields.map((f) => [f.field, f.value])));
      expect(fields).toMatchObject({ title: 'Boiler, done', assignee: 'Ana', status: 'open' });
    }

    // As it was: after the fold's last edit, from the fold alone; inside it, a plain refusal.
    const after = await asOfJob(db, id, new Date(times[3]! + HOUR / 2));
    expect(after.job).toMatchObject({ title: 'Boiler, done', assignee: 'Ana' });
    await expect(asOfJob(db, id, new Date(times[1]! + HOUR / 2))).rejects.toThrow(/were compacted.*Choose a moment after/);
    const before = await asOfJob(db, id, new Date(times[0]! - HOUR));
    expect(before.job).toBeNull();

    // Back online: restore the archived "Boiler, checked" title.
    await objectStore.restart();
    const checked = (await listHistory(db, jobEntity, id, () => archive)).find((e) => e.fields.some((f) => f.value === 'Boiler, checked'))!;
    expect(checked.source).toBe('archive');
    // Offline, the restore says why it cannot; online it restores.
    await expect(restoreField(db, core.entities, core.edits, checked.changeId, 'title', {}, () => null, { entity: 'job', entityId: id })).rejects.toThrow(/compacted into the archive/);
    await restoreField(db, core.entities, core.edits, checked.changeId, 'title', {}, () => archive, { entity: 'job', entityId: id });
    expect((await db.get<{ title: string }>('SELECT title FROM jobs WHERE id = ?', [id]))?.title).toBe('Boiler, checked');
    store.close();
  });
});
