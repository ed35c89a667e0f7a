/**
 * The history check after a cycle, against a real primary: it finds a loss,
 * finds a primary that holds everything whole, concludes nothing while an
 * edit is pending, and fails loudly (never "fine") when the primary cannot be
 * asked.
 */
import { describe, expect, it } from 'vitest';
import { openReplica } from '../../../../electron/core/db/replica.js';
import { checkPrimaryHasOurChanges, PrimaryCheckError } from '../../../../electron/core/sync/primary-check.js';
import { startPrimary } from '../../../helpers/primary.js';
import { tempDir } from '../../../helpers/temp-dir.js';

async function replicaWithHistory(url: string) {
  const replica = await openReplica({ path: `${tempDir()}/r.db`, remote: () => ({ url, authToken: null }) });
  await replica.db.exec('CREATE TABLE changes (id TEXT PRIMARY KEY); CREATE TABLE change_folds (id TEXT PRIMARY KEY, weight INTEGER)');
  await replica.db.run("INSERT INTO changes (id) VALUES ('c1')");
  return replica;
}

describe('primary history check', () => {
  it('names the loss when the primary holds less history than this replica', async () => {
    const primary = await startPrimary();
    const replica = await replicaWithHistory(primary.url);
    try {
      const verdict = await checkPrimaryHasOurChanges(replica.db, async () => 0, { url: primary.url, authToken: null });
      expect(verdict.kind).toBe('lost');
      expect(verdict.kind === 'lost' && verdict.problem).toMatch(/primary has lost 1 edit /);
    } finally {
      await replica.close();
    }
  });

  it("finds the primary whole once it holds this replica's history", async () => {
    const primary = await startPrimary();
    const replica = await replicaWithHistory(primary.url);
    try {
      await replica.push();
      expect(await checkPrimaryHasOurChanges(replica.db, () => replica.pendingChanges(), { url: primary.url, authToken: null })).toEqual({ kind: 'whole' });
    } finally {
      await replica.close();
    }
  });

  it('concludes nothing while an edit is pending, without asking the primary', async () => {
    const primary = await startPrimary();
    const replica = await replicaWithHistory(primary.url);
    let asked = 0;
    const counting: typeof fetch = async (...args) => {
      asked += 1;
      return fetch(...args);
    };
    try {
      expect(await checkPrimaryHasOurChanges(replica.db, async () => 1, { url: primary.url, authToken: null }, counting)).toEqual({ kind: 'unchecked' });
      expect(asked).toBe(0);
    } finally {
      await replica.close();
    }
  });

  it('a primary that went away before the check is an error, not a clean result', async () => {
    const primary = await startPrimary();
    const replica = await replicaWithHistory(primary.url);
    try {
      await primary.stop('SIGKILL');
      const check = checkPrimaryHasOurChanges(replica.db, async () => 0, { url: primary.url, authToken: null });
      await expect(check).rejects.toBeInstanceOf(PrimaryCheckError);
      await expect(check).rejects.toThrow(/did not answer the check that it holds this laptop's edits/);
    } finally {
      await replica.close();
    }
  });
});
