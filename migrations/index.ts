/** Every migration, in order. Add a file `NNNN-name.ts` and list it here. */
import { migration as core } from './0001-core.js';
import { migration as fieldWork } from './0002-field-work.js';
import { migration as people } from './0003-people.js';
import { migration as activity } from './0004-activity.js';
import { migration as attachments } from './0005-attachments.js';
import { migration as changeFolds } from './0006-change-folds.js';
import { migration as photoOnFail } from './0007-photo-on-fail.js';
import { migration as leanFolds } from './0008-lean-folds.js';
import { migration as leanDownload } from './0009-lean-download.js';
import { migration as leanChanges } from './0010-lean-changes.js';
import type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [core, fieldWork, people, activity, attachments, changeFolds, photoOnFail, leanFolds, leanDownload, leanChanges];
export type { Migration } from './types.js';
