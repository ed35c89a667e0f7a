/** poppler-utils (pdftotext, pdftoppm, pdfimages, pdfinfo): real tools reading the real file. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The PDF's text in content order (-raw: a label stays beside its value) with runs of whitespace folded to one space (lines wrap where the layout decides). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

/** How many images the PDF embeds (pdfimages -list: two header lines, then one line per image). */
export function pdfImageCount(file: string): number {
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length - 2;
}

/** Renders one page to PNG at `dpi`; returns the PNG's path. */
export function renderPage(file: string, page: number, dpi: number, outDir: string): string {
  const prefix = path.join(outDir, `page-${page}`);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const png = `${prefix}.png`;
  if (!fs.existsSync(png)) throw new Error(`pdftoppm wrote no ${png}`);
  return png;
}
