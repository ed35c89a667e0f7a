import { AppError } from '../../../../shared/errors.js';
import type { ArchivedRows } from '../../changes/archived-rows.js';
import type { EditContext } from '../../changes/change-log.js';
import type { Db } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import { asOfJob, asOfSite } from './as-of-queries.js';
import { restoreJobToMoment, restoreSiteToMoment } from './restore-moment.js';

export interface AsOfDeps {
  db: Db;
  edits: EditContext;
  /** A restore is a local edit: push it, and refresh the screens showing these entities. */
  onLocalWrite: (entities: string[]) => void;
  /** The archive's rows, for a moment inside compacted history; without it such a moment is refused. */
  archived?: ArchivedRows;
}

/** Clocks disagree by a little; a moment further ahead of the team's time than this is a typing mistake. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

/** The moment as a Date, refused when it lies in the future (nothing can be known about it yet). */
export function pastMoment(text: string, edits: EditContext, field = 'at'): Date {
  const at = new Date(text);
  if (at.getTime() > edits.now().getTime() + FUTURE_SLACK_MS) {
    throw new AppError('INVALID_INPUT', `The moment ${at.toISOString()} is in the future: pick a time up to now.`, field);
  }
  return at;
}

export function asOfHandlers({ db, edits, onLocalWrite, archived }: AsOfDeps): FeatureHandlers {
  return {
    'asOf.job': (input) => asOfJob(db, input.id, pastMoment(input.at, edits), archived),
    'asOf.site': (input) => asOfSite(db, input.id, pastMoment(input.at, edits), archived),
    'asOf.restore': async (input) => {
      const at = pastMoment(input.at, edits);
      if (input.entity === 'job') {
        // Reading the moment first fetches any archived edits it needs outside the transaction (or refuses).
        await asOfJob(db, input.id, at, archived);
        await db.transaction((tx) => restoreJobToMoment(tx, edits, input.id, at, archived));
        onLocalWrite(['job', 'note', 'inspection', 'inspection_item']);
        return asOfJob(db, input.id, at, archived);
      }
      await asOfSite(db, input.id, at, archived);
      await db.transaction((tx) => restoreSiteToMoment(tx, edits, input.id, at, archived));
      onLocalWrite(['site']);
      return asOfSite(db, input.id, at, archived);
    },
  };
}
