/**
 * A laptop tells its own folds by their signer (changes/fold-signer.ts, since migration 10) and, in folds
 * written before, by its whole device id: neither is re-projected as news, and another laptop's are.
 */
import { describe, expect, it } from 'vitest';
import { foldSigner, mySigners } from '../../../../electron/core/changes/fold-signer.js';
import { reconcileFolds } from '../../../../electron/core/sync/reconcile-folds.js';
import { startTestCore } from '../../../helpers/core.js';

const insertFold = `INSERT INTO change_folds (id, entity, entity_id, device_id, fields, has_create, first_hlc, last_hlc, weight, archive, created_at)
  VALUES (?, 'job', ?, ?, '{"@won":[]}', 0, '1000000000100-00000-d', '1000000000100-00000-d', 1, '[]', '')`;

describe('own folds', () => {
  it('a signer is 16 hex digits, the same for one id and different for others', () => {
    expect(foldSigner('0190a000-0000-7000-8000-000000000001')).toMatch(/^[0-9a-f]{16}$/);
    expect(foldSigner('0190a000-0000-7000-8000-000000000001')).toBe(foldSigner('0190a000-0000-7000-8000-000000000001'));
    expect(foldSigner('0190a000-0000-7000-8000-000000000001')).not.toBe(foldSigner('0190a000-0000-7000-8000-000000000002'));
    expect(mySigners('a')).toEqual(['a', foldSigner('a')]);
  });

  it('skips folds signed by this laptop, old and new form, and reconciles another laptop’s', async () => {
    const core = await startTestCore();
    const db = core.replica.db;
    const me = core.edits.deviceId;
    await db.run(insertFold, ['f1', 'j1', me]);
    await db.run(insertFold, ['f2', 'j2', foldSigner(me)]);
    expect(await reconcileFolds(db, core.entities, me, null, false)).toMatchObject({ newFolds: 0 });
    // A fresh join that holds a fold of its own does not skip to the end.
    expect(await reconcileFolds(db, core.entities, me, null, true)).toMatchObject({ newFolds: 0, watermark: null });
    await db.run(insertFold, ['f3', 'j3', foldSigner('someone-else')]);
    expect(await reconcileFolds(db, core.entities, me, null, false)).toMatchObject({ newFolds: 1, watermark: 3 });
  });
});
