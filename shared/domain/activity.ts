/** The workspace activity feed: every edit of the change log, newest first. */

/** Which part of the work an edit touched (the feed's kind filter). */
export const ACTIVITY_AREAS = ['job', 'site', 'note', 'checklist', 'template'] as const;
export type ActivityArea = (typeof ACTIVITY_AREAS)[number];

export interface ActivityField {
  field: string;
  value: string | number | boolean | null;
  /** What a reference value names (a site id's site name), when it can be looked up. */
  label?: string;
}

export interface ActivityEntry {
  changeId: string;
  /** 'other' for records of a kind this version does not know (a newer laptop's). */
  area: ActivityArea | 'other';
  entity: string;
  entityId: string;
  kind: 'create' | 'update' | 'delete' | 'restore';
  /** Edit time: the wall time of the edit's clock stamp (ISO), the time "as it was at" and the feed's range use. */
  editedAt: string;
  actor: string;
  /** The editing laptop's device id, which is the person's id. */
  deviceId: string;
  /** The job the edit belongs to (the job itself, or the job of a note or checklist), when known. */
  jobId: string | null;
  jobTitle: string | null;
  /** The site edited, when the edit is a site's. */
  siteName: string | null;
  /** What else names the record: a checklist item's label, a checklist's or template's name. */
  label: string | null;
  fields: ActivityField[];
  /** 'archive': a compacted edit read back from the workspace archive (activity.loadArchived). */
  source?: 'archive';
}

export interface ActivityPage {
  items: ActivityEntry[];
  /** Opaque keyset cursor for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * What the feed cannot list for a range because compaction archived it
 * (activity.archived): the feed shows only the edits still in the change log.
 */
export interface ActivityArchived {
  /** Edit time (ISO) of the newest archived edit in the range: older edits may be missing from the feed. */
  before: string;
  /** Edit time (ISO) of the oldest archived edit in the range. */
  since: string;
  /** How many records have archived edits in the range. */
  records: number;
  /** False when this laptop has no archive to read (none set up); true does not promise it is reachable. */
  canLoad: boolean;
  /** The same in plain words, for the feed. */
  message: string;
}

export interface ArchivedActivityPage {
  items: ActivityEntry[];
  /** Opaque cursor for older archived edits; null when none are left. */
  nextCursor: string | null;
}
