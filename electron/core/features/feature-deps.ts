import type { EditContext } from '../changes/change-log.js';
import type { Db } from '../db/database.js';

/** What every data feature's handlers need: the replica, who is editing, and the sync nudge. */
export interface FeatureDeps {
  db: Db;
  edits: EditContext;
  /** Tell the sync loop there is something new to push. */
  onLocalWrite: () => void;
}
