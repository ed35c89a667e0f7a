/**
 * The report's fonts. PDF's standard fonts cover WinAnsi only (no ł, ő, Greek,
 * Cyrillic, ✓), so the report embeds DejaVu Sans, vendored in resources/fonts
 * with its licence: the packaged app cannot count on the OS having it. The build
 * copies the folder beside main.js (scripts/build-main.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors.js';

export interface ReportFonts {
  regular: string;
  bold: string;
}

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** Beside the bundle (dist/electron/fonts, also inside the asar), then the source tree's resources/fonts. */
export function defaultFontDirs(): string[] {
  const here = import.meta.dirname;
  return [path.join(here, 'fonts'), path.resolve(here, '../../../../resources/fonts')];
}

export function findReportFonts(dirs: readonly string[] = defaultFontDirs()): ReportFonts {
  for (const dir of dirs) {
    const regular = path.join(dir, FONT_FILES.regular);
    const bold = path.join(dir, FONT_FILES.bold);
    if (fs.existsSync(regular) && fs.existsSync(bold)) return { regular, bold };
  }
  throw new AppError('INTERNAL', 'The report fonts are missing from this installation, so no PDF can be made; reinstall Fieldbook.');
}
