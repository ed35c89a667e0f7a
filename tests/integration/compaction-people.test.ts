/**
 * People after compaction: a worker whose every edit was folded still appears
 * in the assignee picker under their latest name, from what compaction keeps
 * now (`fold_workers`, migration 9), from folds written before that (their
 * `@workers`) and from folds older still (their winning signatures), on a
 * real primary with a real s3rver archive.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app-core.js';
import { openObjectStore } from '../../electron/core/blobs/object-store.js';
import { compactHistory } from '../../electron/core/changes/compaction.js';
import { foldFields, WORKERS_KEY } from '../../electron/core/changes/folds.js';
import { archiveInObjectStore } from '../../electron/core/changes/history-archive.js';
import { workersFromChangeLog } from '../../electron/core/features/people/people-queries.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { Person } from '../../shared/domain/people.js';
import { invoke, startTeam } from '../helpers/core.js';
import { startObjectStore } from '../helpers/object-store.js';
import { startPrimary } from '../helpers/primary.js';

describe('people after compaction', () => {
  it('keeps a worker whose edits are all folded, under their latest name', async () => {
    const primary = await startPrimary();
    const [alex, sam] = (await startTeam(primary.url, ['Alex', 'Sam'])) as [Core, Core];
    const samId = sam.settings.current.deviceId;

    const job = await invoke<Job>(sam, 'jobs.create', { title: 'Sam was here' });
    await invoke(sam, 'profile.set', { name: 'Samira Khan' });
    await invoke(sam, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
    await invoke(sam, 'sync.now');
    await invoke(alex, 'sync.now');
    // Alex's newest edit is the log's top row (compaction never deletes the top), so all of Samira's rows fold.
    await invoke(alex, 'jobs.create', { title: 'Newest' });
    await invoke(alex, 'sync.now');

    const objectStore = await startObjectStore();
    const store = openObjectStore(objectStore.config);
    const db = alex.replica.db;
    const result = await compactHistory(db, { cutoffStamp: '9999999999999', archive: archiveInObjectStore(store), deviceId: alex.settings.current.deviceId, minInputs: 1 });
    expect(result.folded).toBeGreaterThan(0);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM changes WHERE device_id = ?', [samId]))?.n).toBe(0);

    expect(await invoke<Person[]>(alex, 'people.list', { search: 'sam' })).toEqual([{ id: samId, name: 'Samira Khan', me: false }]);
    const kept = await db.all<{ actor: string; hlc: string }>('SELECT actor, hlc FROM fold_workers WHERE device_id = ?', [samId]);
    expect(kept.map((w) => w.actor)).toEqual(['Samira Khan']);

    // Folds written before migration 9 carried their signers as `@workers`, and `fold_workers` was not there to hold them.
    await db.run('DELETE FROM fold_workers');
    for (const fold of await db.all<{ id: string; fields: string }>('SELECT id, fields FROM change_folds')) {
      await db.run('UPDATE change_folds SET fields = ? WHERE id = ?', [
        JSON.stringify({ ...(JSON.parse(fold.fields) as object), [WORKERS_KEY]: { [samId]: ['Samira Khan', kept[0]!.hlc] } }),
        fold.id,
      ]);
    }
    expect((await workersFromChangeLog(db)).filter((w) => w.id === samId)).toEqual([{ id: samId, name: 'Samira Khan' }]);

    // A fold written before `@workers` existed (and before the lean form, migration 8): per field [value, stamp, id].
    // Its winning signatures still name Samira.
    for (const fold of await db.all<{ id: string; fields: string }>('SELECT id, fields FROM change_folds')) {
      await db.run('UPDATE change_folds SET fields = ? WHERE id = ?', [JSON.stringify(foldFields(fold)), fold.id]);
    }
    expect((await db.get<{ n: number }>(`SELECT count(*) AS n FROM change_folds WHERE instr(fields, '"@workers"') > 0`))?.n).toBe(0);
    expect((await workersFromChangeLog(db)).filter((w) => w.id === samId)).toEqual([{ id: samId, name: 'Samira Khan' }]);
    store.close();
  }, 90_000);
});
