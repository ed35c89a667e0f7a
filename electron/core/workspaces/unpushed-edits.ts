/**
 * How many edits of a workspace no database has confirmed, read from its edit
 * journal on disk (electron/core/journal/): the journal keeps every local edit
 * until the primary is seen to hold it, so this works for a closed workspace
 * too, and errs on the side of "not pushed yet".
 */
import fs from 'node:fs';
import path from 'node:path';
import { journalPath } from '../journal/edit-journal.js';
import { checkHeader, decodeRecords } from '../journal/journal-format.js';
import { REPLICA_FILE } from '../app-core.js';

export interface UnpushedEdits {
  count: number;
  /** The newest edit's id, so an export can be matched against later edits. */
  lastId: string | null;
}

export function unpushedEdits(workspaceDir: string): UnpushedEdits {
  let data: Buffer;
  try {
    data = fs.readFileSync(journalPath(path.join(workspaceDir, REPLICA_FILE)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { count: 0, lastId: null };
    throw error;
  }
  if (checkHeader(data).kind !== 'ok') return { count: 0, lastId: null };
  const { records } = decodeRecords(data);
  return { count: records.length, lastId: records.at(-1)?.id ?? null };
}
