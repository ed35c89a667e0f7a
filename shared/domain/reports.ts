/** What an export (PDF report, CSV) answers: where it went, or that the worker cancelled. */
export type ExportResult =
  | {
      status: 'saved';
      /** The file's name, without its folder (the folder is the worker's choice, never the renderer's). */
      fileName: string;
      bytes: number;
      /** Data rows written (CSV); null for a PDF. */
      rows: number | null;
      /** Browser host only: where the page downloads the file from (same origin); null in the desktop app. */
      downloadUrl: string | null;
    }
  | {
      status: 'cancelled';
      /** Plain words for the worker: nothing was written. */
      message: string;
    };

export const EXPORT_KINDS = ['pdf', 'csv'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
