/**
 * reports.*: a job's PDF report and the CSV exports. Each one checks there is
 * something to export before asking where to save it, then writes through
 * writeAtomically, so a cancel, a missing job or a full disk leaves no file.
 */
import type { ExportResult } from '../../../../shared/domain/reports.js';
import { AppError } from '../../../../shared/errors.js';
import type { Db } from '../../db/database.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { Me, SearchMatcher } from '../jobs/job-queries.js';
import { writeAtomically, type Producer } from './atomic-file.js';
import { writeCsvPages } from './csv-format.js';
import { anyInspectionIn, RESULT_COLUMNS, resultPages } from './inspections-csv.js';
import { JOB_COLUMNS, jobPages } from './jobs-csv.js';
import { loadJobReport } from './report-data.js';
import { findReportFonts, type ReportFonts } from './report-fonts.js';
import { NO_REPORT_MEDIA, type ReportMedia } from './report-media.js';
import { renderJobReportInWorker } from './report-render.js';
import { safeFileName, type SaveRequest, type SaveTarget } from './save-target.js';

export interface ReportDeps {
  db: Db;
  saveTarget: SaveTarget;
  workspaceName: () => string;
  now: () => Date;
  /** Who "assigned to me" means in an exported list (as jobs.list). */
  me: () => Me | null;
  searchIndex?: SearchMatcher;
  /** Photos and signatures; none until the photos feature provides them. */
  media?: ReportMedia;
  fonts?: () => ReportFonts;
}

export const CANCELLED: ExportResult = { status: 'cancelled', message: 'Export cancelled: nothing was saved.' };

async function save(target: SaveTarget, request: SaveRequest, produce: (out: Parameters<Producer>[0]) => Promise<number | null>): Promise<ExportResult> {
  const chosen = await target.choose(request);
  if (!chosen) return CANCELLED;
  let rows: number | null = null;
  const { bytes } = await writeAtomically(chosen.path, async (out) => {
    rows = await produce(out);
  });
  return { status: 'saved', fileName: chosen.fileName, bytes, rows, downloadUrl: chosen.downloadUrl };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function reportHandlers(deps: ReportDeps): FeatureHandlers {
  const media = deps.media ?? NO_REPORT_MEDIA;
  let fonts: ReportFonts | null = null;
  const reportFonts = () => (fonts ??= (deps.fonts ?? findReportFonts)());
  return {
    'reports.jobPdf': async ({ jobId }) => {
      const report = await loadJobReport(deps.db, jobId, { workspaceName: deps.workspaceName(), media, now: deps.now() });
      const resolvedFonts = reportFonts();
      return save(deps.saveTarget, { suggestedName: safeFileName(`${report.job.title} - report ${day(report.generatedAt)}`, 'pdf'), kind: 'pdf' }, async (out) => {
        await renderJobReportInWorker(report, resolvedFonts, out);
        return null;
      });
    },
    'reports.jobsCsv': async (query) => {
      const me = deps.me();
      const first = await jobPages(deps.db, { ...query }, me, deps.searchIndex).next();
      if (first.done) throw new AppError('NOT_FOUND', 'No job matches the list’s search and filters, so there is nothing to export. Clear a filter and try again.');
      return save(deps.saveTarget, { suggestedName: safeFileName(`Fieldbook jobs ${day(deps.now())}`, 'csv'), kind: 'csv' }, (out) =>
        writeCsvPages(jobPages(deps.db, { ...query }, me, deps.searchIndex), JOB_COLUMNS, out),
      );
    },
    'reports.inspectionsCsv': async ({ from, to }) => {
      if (!(await anyInspectionIn(deps.db, from, to))) {
        throw new AppError('NOT_FOUND', `No checklist was signed off or changed from ${from} to ${to}, so there is nothing to export. Choose a wider range.`, 'from');
      }
      return save(deps.saveTarget, { suggestedName: safeFileName(`Fieldbook checklist results ${from} to ${to}`, 'csv'), kind: 'csv' }, (out) =>
        writeCsvPages(resultPages(deps.db, from, to), RESULT_COLUMNS, out),
      );
    },
  };
}
