/** Every migration, in order. Add a file `NNNN-name.ts` and list it here. */
import { migration as core } from './0001-core.js';
import type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [core];
export type { Migration } from './types.js';
