/**
 * This laptop's capture choices for one workspace ("Keep location"), in a small
 * JSON file in the workspace folder: not a replica table, because every table
 * there is pushed, and whether one worker keeps positions is their own choice.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CaptureSettings } from '../../../shared/domain/attachments.js';
import { makePrivateDir } from '../fs/private-files.js';
import { replaceFileSync } from '../fs/replace-file.js';

export const CAPTURE_SETTINGS_FILE = 'photo-capture.json';
/** Off by default: a position says where a worker was. */
const DEFAULTS: CaptureSettings = { keepLocation: false };

export class CaptureSettingsStore {
  readonly file: string;

  constructor(workspaceDir: string) {
    this.file = path.join(workspaceDir, CAPTURE_SETTINGS_FILE);
  }

  /** A missing or unreadable file gives the defaults (location not kept). */
  read(): CaptureSettings {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      const keep = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).keepLocation : undefined;
      return { keepLocation: keep === true };
    } catch {
      return { ...DEFAULTS };
    }
  }

  /** Temp file then rename, so a crash leaves the old choice or the new one. */
  write(settings: CaptureSettings): CaptureSettings {
    makePrivateDir(path.dirname(this.file));
    replaceFileSync(this.file, `${JSON.stringify({ keepLocation: settings.keepLocation })}\n`);
    return this.read();
  }
}
