/**
 * Which journaled edits a replica lacks (missingFromReplica): the same answer
 * whether a few ids are looked up by key or many are found by one range scan.
 * A real replica with real change rows.
 */
import { describe, expect, it } from 'vitest';
import { LOOKUP_LIMIT, missingFromReplica } from '../../../../electron/core/journal/journal-restore.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { closeCore, invoke, startTestCore } from '../../../helpers/core.js';

describe('missingFromReplica', () => {
  it('names exactly the ids the changes table lacks, for a short and a long journal', async () => {
    const core = await startTestCore();
    for (let i = 0; i < 3; i++) await invoke(core, 'jobs.create', { title: `Pump check ${i}` });
    const present = (await core.replica.db.all<{ id: string }>('SELECT id FROM changes ORDER BY id')).map((r) => r.id);
    expect(present.length).toBeGreaterThanOrEqual(3);
    // Made after the real ones, so they sort after them (UUIDv7): the range scan covers them too.
    const absent = [uuidv7(), uuidv7()];

    const few = [absent[0]!, ...present, absent[1]!];
    expect(few.length).toBeLessThanOrEqual(LOOKUP_LIMIT);
    expect(await missingFromReplica(core.replica.db, few)).toEqual(absent);

    const many = [...present, ...Array.from({ length: LOOKUP_LIMIT }, () => uuidv7())];
    expect(many.length).toBeGreaterThan(LOOKUP_LIMIT);
    expect(await missingFromReplica(core.replica.db, many)).toEqual(many.slice(present.length));
    expect(await missingFromReplica(core.replica.db, present)).toEqual([]);
    expect(await missingFromReplica(core.replica.db, [])).toEqual([]);
    await closeCore(core);
  });
});
