export const TRASH_ENTITIES = ['job', 'site'] as const;
export type TrashEntity = (typeof TRASH_ENTITIES)[number];

/** A deleted job or site: still a tombstone row, so it can be restored. */
export interface TrashItem {
  entity: TrashEntity;
  id: string;
  /** A job's title or a site's name. */
  name: string;
  /** For a job, its site's name (context in the Deleted view). */
  detail: string | null;
  deletedAt: string;
  deletedBy: string;
}
