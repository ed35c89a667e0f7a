/** One field as set by one edit, and whether that value is the one in force. */
export interface HistoryField {
  field: string;
  value: string | number | boolean | null;
  /** What a reference value names (a site id's site name), when it can be looked up. */
  label?: string;
  /** True when this edit's value is the record's current value for the field; false when a later edit overwrote it. */
  current: boolean;
}

/** One edit of a record, from the insert-only change log. */
export interface HistoryEntry {
  changeId: string;
  kind: 'create' | 'update' | 'delete' | 'restore';
  /** Hybrid-logical-clock stamp that orders edits across laptops. */
  hlc: string;
  /** Wall time on the editing laptop (ISO). */
  at: string;
  actor: string;
  deviceId: string;
  fields: HistoryField[];
  /**
   * Where an edit compaction folded comes from: 'archive' = read from the
   * workspace's archive; 'summary' = the archive could not be read (offline,
   * or none), so only the values still in force are known, not who made them
   * or what they replaced.
   */
  source?: 'archive' | 'summary';
  /** On a summary entry whose archive was there but could not be read: why, in plain words (damaged object, offline). */
  archiveNote?: string;
}
