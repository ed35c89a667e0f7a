import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { FeatureDeps } from '../feature-deps.js';
import { getJob, getLiveJob } from '../jobs/job-queries.js';
import { appendNote, getNote, listNotes } from './note-queries.js';

export function noteHandlers({ db, edits, onLocalWrite }: FeatureDeps): FeatureHandlers {
  return {
    'notes.list': async (input) => {
      await getJob(db, input.jobId);
      return listNotes(db, input.jobId);
    },
    'notes.add': async (input) => {
      const id = await db.transaction(async (tx) => {
        await getLiveJob(tx, input.jobId);
        return appendNote(tx, edits, input.jobId, 'note', input.body);
      });
      onLocalWrite();
      return getNote(db, id);
    },
  };
}
