/**
 * Keeps the edit journal short: the journal's end is noted before each push,
 * and after a cycle whose push and pull succeeded, the records up to that mark
 * are dropped once the primary is seen to hold them (asked by id). A record
 * the primary lacks after a successful push stays; if the replica lost it too
 * (a pull rolled it back), it is re-applied so the next push sends it.
 */
import type { Db } from '../db/database.js';
import type { RemoteTarget, Replica } from '../db/replica.js';
import type { EntityRegistry } from '../changes/entity.js';
import type { EditJournal, JournalMark } from './edit-journal.js';
import { reconcileRecords } from '../sync/reconcile.js';
import { restoreFromJournal, touchedRecords } from './journal-restore.js';
import { changesOnPrimary } from './primary-holds.js';

export class JournalTrimmer {
  private pushed: JournalMark | null = null;

  constructor(
    private readonly journal: EditJournal,
    private readonly db: Db,
    private readonly registry: EntityRegistry,
    private readonly logError?: (message: string, error: unknown) => void,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The replica as the sync loop sees it: each successful push remembers the journal's end from before it. */
  watchPushes(replica: Replica): Replica {
    return {
      get path() {
        return replica.path;
      },
      get db() {
        return replica.db;
      },
      push: async () => {
        const mark = this.journal.mark();
        this.pushed = null;
        await replica.push();
        this.pushed = mark;
      },
      pull: () => replica.pull(),
      stats: () => replica.stats(),
      pendingChanges: () => replica.pendingChanges(),
      checkpoint: () => replica.checkpoint(),
      close: () => replica.close(),
    };
  }

  /** After a cycle's push and pull succeeded. Never throws: a check that cannot run is tried after the next push. */
  async afterSync(remote: RemoteTarget): Promise<{ dropped: number; reapplied: number }> {
    const mark = this.pushed;
    this.pushed = null;
    if (!mark) return { dropped: 0, reapplied: 0 };
    const ids = this.journal.idsUpTo(mark);
    if (ids.length === 0) return { dropped: 0, reapplied: 0 };
    try {
      // A replica rebuilt offline could not project edits to records it did not have yet; now that the pull brought them, it can.
      await reconcileRecords(this.db, this.registry, touchedRecords(this.journal.records(new Set(ids))));
      const onPrimary = await changesOnPrimary(remote, ids, this.fetchImpl);
      const dropped = await this.journal.drop(mark, onPrimary);
      let reapplied = 0;
      if (onPrimary.size < ids.length) {
        reapplied = await restoreFromJournal(this.db, this.registry, this.journal, new Set(ids.filter((id) => !onPrimary.has(id))));
      }
      return { dropped, reapplied };
    } catch (error) {
      this.logError?.('could not check the primary for journaled edits', error);
      return { dropped: 0, reapplied: 0 };
    }
  }
}
