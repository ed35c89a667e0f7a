/**
 * Archived change rows read on demand for views that need the edits inside a
 * fold (as it was at a moment, the activity feed's older edits): each object
 * is fetched once, checked against its sha256 name, and kept for the session
 * (objects are immutable, so a kept copy never goes stale).
 */
import type { FoldRow } from './folds.js';
import { foldArchive } from './folds.js';
import { verifiedArchive, type HistoryArchive } from './history-archive.js';
import type { ChangeRow } from './projection.js';

/** Objects kept in memory; one holds the folded rows of up to 25 records. */
const KEPT_OBJECTS = 256;

export class ArchivedRows {
  private readonly kept = new Map<string, Promise<ChangeRow[]>>();

  /** `archive` answers null when the workspace has none (or none here, e.g. Demo). */
  constructor(
    private readonly archive: () => HistoryArchive | null,
    private readonly keep = KEPT_OBJECTS,
  ) {}

  /** Whether an archive is set up at all (it may still be unreachable). */
  available(): boolean {
    return this.archive() !== null;
  }

  /** One object's rows; throws naming the object when it cannot be read or does not match its name. */
  object(key: string): Promise<ChangeRow[]> {
    const known = this.kept.get(key);
    if (known) {
      // Most recently used last, so the oldest is the one let go.
      this.kept.delete(key);
      this.kept.set(key, known);
      return known;
    }
    const store = this.archive();
    if (!store) return Promise.reject(new Error('this workspace has no archive of old history'));
    const loading = store.get(key).then((body) => {
      if (!body) throw new Error(`the archive has no object ${key}`);
      return verifiedArchive(key, body);
    });
    this.kept.set(key, loading);
    loading.catch(() => {
      if (this.kept.get(key) === loading) this.kept.delete(key);
    });
    while (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    return loading;
  }

  /** The archived rows of the folds' records (each row once), from every object the folds name. */
  async ofFolds(folds: readonly Pick<FoldRow, 'entity' | 'entity_id' | 'archive'>[]): Promise<ChangeRow[]> {
    const records = new Set(folds.map((f) => `${f.entity}\u0000${f.entity_id}`));
    const rows = new Map<string, ChangeRow>();
    for (const key of [...new Set(folds.flatMap(foldArchive))].sort()) {
      for (const row of await this.object(key)) if (records.has(`${row.entity}\u0000${row.entity_id}`)) rows.set(row.id, row);
    }
    return [...rows.values()];
  }
}
