import { defineEntity } from '../../changes/entity.js';

/** Timeline entries: created once, never updated (append-only). */
export const noteEntity = defineEntity('note', 'job_notes', {
  jobId: 'job_id',
  kind: 'kind',
  body: 'body',
});
