/**
 * Where an export goes. Core stays plain Node: the Electron layer injects a
 * target that asks with the OS save dialog, the browser host one that writes
 * into its own download folder. The renderer never names a path.
 */
import type { ExportKind } from '../../../../shared/domain/reports.js';

export interface SaveRequest {
  /** A file name to offer, e.g. "Pump check - 0192c3.pdf" (no folder). */
  suggestedName: string;
  kind: ExportKind;
}

export interface ChosenFile {
  /** Absolute path to write; the folder must exist (a missing one is a plain-words error). */
  path: string;
  /** The name to tell the worker (the download's name in the browser host, where the path is a token). */
  fileName: string;
  /** Browser host: the same-origin URL that serves the file once written; null for a dialog. */
  downloadUrl: string | null;
}

export interface SaveTarget {
  /** Asks where to save; null when the worker cancelled. */
  choose(request: SaveRequest): Promise<ChosenFile | null>;
}

export const EXTENSIONS: Record<ExportKind, string> = { pdf: 'pdf', csv: 'csv' };

/** A file name that is safe on every OS: no separators, control or reserved characters, at most 120 characters. */
export function safeFileName(base: string, kind: ExportKind): string {
  const cleaned = base
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    // Leading dots hide a file; trailing dots and spaces Windows drops.
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${cleaned || 'Fieldbook export'}.${EXTENSIONS[kind]}`;
}
