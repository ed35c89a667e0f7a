/**
 * This laptop's view state (the job list's filters and sort) in a small JSON
 * file beside the workspace's replica. Not a replica table: every table there
 * is pushed, and where one worker left their list is nobody else's business.
 */
import fs from 'node:fs';
import path from 'node:path';
import { preferencesSchema } from '../../../../shared/contract/preferences.js';
import type { Preferences } from '../../../../shared/domain/preferences.js';
import { replaceFileSync } from '../../fs/replace-file.js';

export const PREFERENCES_FILE = 'preferences.json';
const EMPTY: Preferences = { jobList: null };

export class PreferencesStore {
  constructor(
    readonly file: string,
    private readonly onDamaged?: (message: string) => void,
  ) {}

  /** The stored preferences; a missing file, or one this version cannot read, gives the defaults. */
  read(): Preferences {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw error;
    }
    try {
      return preferencesSchema.parse(JSON.parse(text));
    } catch (error) {
      // View state only: start from the defaults and say so, never fail the app for it.
      this.onDamaged?.(`preferences file ${this.file} unreadable (${(error as Error).message}); using defaults`);
      return EMPTY;
    }
  }

  /** Write-then-rename, so a crash mid-write leaves the old file or the new one. */
  write(preferences: Preferences): Preferences {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    replaceFileSync(this.file, `${JSON.stringify(preferences)}\n`);
    return preferences;
  }
}
