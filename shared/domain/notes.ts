export const NOTE_KINDS = ['note', 'status', 'assignment', 'inspection'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One entry of a job's append-only timeline: typed by a worker or written automatically. */
export interface Note {
  id: string;
  jobId: string;
  kind: NoteKind;
  body: string;
  createdAt: string;
  createdBy: string;
}
