/**
 * Lays out one job's report with pdfkit: header, job and site facts, the
 * checklist (each answer as a word and a symbol in a box, so it reads printed
 * in black and white), photos, the sign-off, the timeline, and on every page a
 * footer with the job id, the time it was made and "Page i of n".
 */
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { InspectionItem, ItemResult } from '../../../../shared/domain/inspections.js';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../../shared/domain/jobs.js';
import type { JobReport } from './report-data.js';
import type { ReportFonts } from './report-fonts.js';
import type { ReportImage } from './report-media.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const FOOTER_SPACE = 30;
const GREY = '#555555';
const PHOTO_BOX = { width: 235, height: 176 };
const SIGNATURE_BOX = { width: 220, height: 80 };

/** What each answer prints as: the word carries the meaning, the box style only helps. */
export const RESULT_MARKS: Record<ItemResult | 'none', { text: string; style: 'outline' | 'filled' | 'dashed' | 'none' }> = {
  pass: { text: '✓ PASS', style: 'outline' },
  fail: { text: '✗ FAIL', style: 'filled' },
  na: { text: '– N/A', style: 'dashed' },
  none: { text: '? NOT ANSWERED', style: 'none' },
};

/** "2026-12-01 13:08 UTC": one unambiguous time for client and office alike. */
export function reportTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function measurementText(item: Pick<InspectionItem, 'measurement' | 'unit'>): string | null {
  if (item.measurement === null) return null;
  return item.unit ? `${item.measurement} ${item.unit}` : String(item.measurement);
}

const fontPaths = new WeakMap<Doc, ReportFonts>();

function face(doc: Doc, weight: keyof ReportFonts): string {
  const fonts = fontPaths.get(doc);
  if (!fonts) throw new Error('report fonts not set for this document');
  return fonts[weight];
}

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - FOOTER_SPACE;
}

/** Starts a new page unless `height` points still fit above the footer. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font(face(doc, 'bold')).fontSize(13).fillColor('black').text(text, MARGIN);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.5).stroke('black');
  doc.moveDown(0.5);
}

/** Label and value side by side; the value wraps in its own column. */
function fact(doc: Doc, label: string, value: string): void {
  const width = doc.page.width - 2 * MARGIN;
  const labelWidth = 110;
  doc.font(face(doc, 'regular')).fontSize(10);
  const height = doc.heightOfString(value || '—', { width: width - labelWidth });
  ensureSpace(doc, height + 4);
  const y = doc.y;
  doc.font(face(doc, 'bold')).fillColor(GREY).text(label, MARGIN, y, { width: labelWidth });
  doc.font(face(doc, 'regular')).fillColor('black').text(value || '—', MARGIN + labelWidth, y, { width: width - labelWidth });
  doc.y = Math.max(doc.y, y + height) + 3;
  doc.x = MARGIN;
}

function mark(doc: Doc, result: ItemResult | null, x: number, y: number): void {
  const { text, style } = RESULT_MARKS[result ?? 'none'];
  const width = 92;
  const height = 16;
  doc.save();
  if (style === 'filled') doc.rect(x, y, width, height).fill('black');
  else if (style === 'outline') doc.rect(x, y, width, height).lineWidth(1).stroke('black');
  else if (style === 'dashed') doc.rect(x, y, width, height).lineWidth(1).dash(2, { space: 2 }).stroke('black').undash();
  doc.restore();
  doc
    .font(face(doc, 'bold'))
    .fontSize(9)
    .fillColor(style === 'filled' ? 'white' : 'black')
    .text(text, x, y + 4, { width, align: 'center', lineBreak: false });
  doc.fillColor('black');
}

/** Embeds one image in a fixed box; an image the library cannot read becomes a sentence instead. */
function image(doc: Doc, photo: ReportImage, x: number, y: number, box: { width: number; height: number }): void {
  try {
    doc.image(photo.data, x, y, { fit: [box.width, box.height], align: 'center', valign: 'center' });
  } catch {
    doc.rect(x, y, box.width, box.height).lineWidth(0.5).stroke(GREY);
    doc.font(face(doc, 'regular')).fontSize(9).fillColor(GREY).text('This image could not be shown (it is not a JPEG or PNG file).', x + 8, y + 8, { width: box.width - 16 });
  }
  doc.font(face(doc, 'regular')).fontSize(8).fillColor(GREY);
  const caption = photo.note ? `${photo.caption} — ${photo.note}` : photo.caption;
  doc.text(caption, x, y + box.height + 3, { width: box.width, height: 22, ellipsis: true });
  doc.fillColor('black');
}

/** Two photos a row; the loop gets a turn after each row (embedding large JPEGs adds up). */
async function photoGrid(doc: Doc, photos: readonly ReportImage[]): Promise<void> {
  const gap = doc.page.width - 2 * MARGIN - 2 * PHOTO_BOX.width;
  for (let i = 0; i < photos.length; i += 2) {
    ensureSpace(doc, PHOTO_BOX.height + 30);
    const y = doc.y;
    photos.slice(i, i + 2).forEach((photo, column) => image(doc, photo, MARGIN + column * (PHOTO_BOX.width + gap), y, PHOTO_BOX));
    doc.y = y + PHOTO_BOX.height + 30;
    doc.x = MARGIN;
    await yieldToLoop();
  }
}

async function checklistItem(doc: Doc, item: InspectionItem, index: number, photos: readonly ReportImage[]): Promise<void> {
  const textX = MARGIN + 102;
  const width = doc.page.width - MARGIN - textX;
  const lines: Array<{ font: 'regular' | 'bold'; text: string }> = [{ font: 'bold', text: `${index + 1}. ${item.label}` }];
  const measured = measurementText(item);
  if (measured) lines.push({ font: 'regular', text: `Measurement: ${measured}` });
  if (item.comment) lines.push({ font: 'regular', text: `Comment: ${item.comment}` });
  doc.fontSize(10);
  const height = lines.reduce((sum, line) => sum + doc.font(face(doc, line.font)).heightOfString(line.text, { width }) + 2, 0);
  ensureSpace(doc, Math.max(height, 18) + 6);
  const y = doc.y;
  mark(doc, item.result, MARGIN, y);
  doc.x = textX;
  doc.y = y + 2;
  for (const line of lines) doc.font(face(doc, line.font)).fontSize(10).fillColor('black').text(line.text, textX, doc.y, { width }).moveDown(0.15);
  doc.y = Math.max(doc.y, y + 18) + 6;
  doc.x = MARGIN;
  if (photos.length > 0) await photoGrid(doc, photos);
}

function resultSummary(items: readonly InspectionItem[]): string {
  const count = (result: ItemResult | null) => items.filter((i) => i.result === result).length;
  return `${items.length} items: ${count('pass')} pass, ${count('fail')} fail, ${count('na')} N/A, ${count(null)} not answered.`;
}

function header(doc: Doc, report: JobReport): void {
  doc.font(face(doc, 'regular')).fontSize(10).fillColor(GREY).text(report.workspaceName, MARGIN, MARGIN);
  doc.font(face(doc, 'bold')).fontSize(9).text('INSPECTION REPORT');
  doc.moveDown(0.3).font(face(doc, 'bold')).fontSize(18).fillColor('black').text(report.job.title);
  doc.moveDown(0.4);
}

function jobFacts(doc: Doc, report: JobReport): void {
  const { job } = report;
  fact(doc, 'Status', STATUS_LABELS[job.status]);
  fact(doc, 'Priority', PRIORITY_LABELS[job.priority]);
  fact(doc, 'Assignee', job.assignee ?? 'Unassigned');
  fact(doc, 'Due', job.dueDate ?? 'No due date');
  fact(doc, 'Completed', report.completedAt ? reportTime(report.completedAt) : 'Not completed');
  fact(doc, 'Created', `${reportTime(job.createdAt)} by ${job.createdBy}`);
  if (job.description) fact(doc, 'Description', job.description);
}

function siteFacts(doc: Doc, report: JobReport): void {
  heading(doc, 'Site');
  const { site } = report;
  if (!site) {
    doc.font(face(doc, 'regular')).fontSize(10).text('No site is set for this job.');
    return;
  }
  fact(doc, 'Name', site.deletedAt ? `${site.name} (deleted site)` : site.name);
  fact(doc, 'Address', site.address);
  fact(doc, 'Coordinates', site.latitude !== null && site.longitude !== null ? `${site.latitude.toFixed(6)}, ${site.longitude.toFixed(6)}` : '');
  fact(doc, 'Contact', site.contact);
}

async function checklist(doc: Doc, report: JobReport): Promise<void> {
  heading(doc, 'Checklist');
  const { inspection } = report;
  if (!inspection) {
    doc.font(face(doc, 'regular')).fontSize(10).text('No checklist was started for this job.');
    return;
  }
  doc.font(face(doc, 'regular')).fontSize(10).text(`${inspection.templateName}. ${resultSummary(inspection.items)}`, MARGIN).moveDown(0.5);
  for (const [index, item] of inspection.items.entries()) {
    await checklistItem(doc, item, index, report.itemPhotos.get(item.id) ?? []);
    if (index % 20 === 19) await yieldToLoop();
  }
}

function signOff(doc: Doc, report: JobReport): void {
  heading(doc, 'Sign-off');
  const { inspection } = report;
  doc.font(face(doc, 'regular')).fontSize(10).fillColor('black');
  if (!inspection?.signedOffAt) {
    doc.text(inspection ? 'The checklist is not signed off.' : 'Nothing to sign off: no checklist.', MARGIN);
    return;
  }
  fact(doc, 'Signed off by', inspection.signedOffBy ?? 'Unknown worker');
  fact(doc, 'Signed at', reportTime(inspection.signedOffAt));
  if (report.signature) {
    ensureSpace(doc, SIGNATURE_BOX.height + 30);
    const y = doc.y + 4;
    image(doc, report.signature, MARGIN, y, SIGNATURE_BOX);
    doc.y = y + SIGNATURE_BOX.height + 28;
    doc.x = MARGIN;
  } else {
    doc.font(face(doc, 'regular')).fontSize(9).fillColor(GREY).text('No signature image is attached.', MARGIN).fillColor('black');
  }
}

async function timeline(doc: Doc, report: JobReport): Promise<void> {
  heading(doc, 'Timeline');
  if (report.notes.length === 0) {
    doc.font(face(doc, 'regular')).fontSize(10).text('No notes.', MARGIN);
    return;
  }
  const width = doc.page.width - 2 * MARGIN;
  for (const [index, note] of report.notes.entries()) {
    if (index % 50 === 49) await yieldToLoop();
    const meta = `${reportTime(note.createdAt)} · ${note.createdBy}${note.kind === 'note' ? '' : ` · ${note.kind}`}`;
    doc.fontSize(10);
    ensureSpace(doc, doc.font(face(doc, 'regular')).heightOfString(note.body, { width }) + 18);
    doc.font(face(doc, 'bold')).fontSize(8).fillColor(GREY).text(meta, MARGIN, doc.y, { width });
    doc.font(face(doc, 'regular')).fontSize(10).fillColor('black').text(note.body, { width }).moveDown(0.4);
  }
}

/** Written last, over every buffered page, so "of n" is known; the bottom margin is lifted so the text adds no page. */
function footers(doc: Doc, report: JobReport): void {
  const range = doc.bufferedPageRange();
  const generated = `Generated ${reportTime(report.generatedAt)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 10;
    doc.moveTo(MARGIN, y - 6).lineTo(doc.page.width - MARGIN, y - 6).lineWidth(0.5).stroke(GREY);
    doc.font(face(doc, 'regular')).fontSize(8).fillColor(GREY);
    const width = doc.page.width - 2 * MARGIN;
    doc.text(`Job ${report.job.id}`, MARGIN, y, { width, align: 'left', lineBreak: false });
    doc.text(`${generated} · Page ${i - range.start + 1} of ${range.count}`, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}

/**
 * Renders the report into `out` and resolves once pdfkit has written its last byte to it.
 * Layout is synchronous, so it yields between photo rows, items and notes: main stays responsive.
 */
export async function renderJobReport(report: JobReport, fonts: ReportFonts, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: fonts.regular,
    info: {
      Title: `Inspection report: ${report.job.title}`,
      Author: report.workspaceName,
      Subject: `Job ${report.job.id}`,
      Creator: 'Fieldbook',
      CreationDate: report.generatedAt,
    },
  });
  // Fonts are named by path: pdfkit caches a parsed font by its source, so the default font
  // (the constructor's) and 'regular' are one parse of the TTF, not two.
  fontPaths.set(doc, fonts);
  const done = new Promise<void>((resolve, reject) => {
    doc.once('error', reject);
    out.once('error', reject);
    doc.once('end', resolve);
  });
  doc.pipe(out, { end: false });
  // Settled only through the awaits below; a failing stream also rejects it.
  done.catch(() => undefined);
  try {
    header(doc, report);
    jobFacts(doc, report);
    siteFacts(doc, report);
    await checklist(doc, report);
    if (report.jobPhotos.length > 0) {
      heading(doc, 'Job photos');
      await photoGrid(doc, report.jobPhotos);
    }
    signOff(doc, report);
    await timeline(doc, report);
    footers(doc, report);
  } catch (error) {
    doc.unpipe(out);
    throw error;
  }
  doc.end();
  await done;
}
