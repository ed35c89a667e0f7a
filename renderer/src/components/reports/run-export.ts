/**
 * Runs one export handler and tells the worker how it went. Main chooses where
 * the file goes (the save dialog in the desktop app); in the browser host it
 * answers a same-origin download URL, which the page opens as a download.
 */
import type { HandlerInput } from '../../../../shared/contract/index';
import type { ExportResult } from '../../../../shared/domain/reports';
import { call, errorText } from '../../api/client';
import { useToast } from '../../store/toast-store';

type ExportName = 'reports.jobPdf' | 'reports.jobsCsv' | 'reports.inspectionsCsv';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Only a path on this page's own origin is followed: main never hands out anything else. */
function download(url: string, fileName: string): void {
  if (!url.startsWith('/downloads/')) return;
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function exportMessage(result: ExportResult): string {
  if (result.status === 'cancelled') return result.message;
  const rows = result.rows === null ? '' : `, ${result.rows.toLocaleString()} ${result.rows === 1 ? 'row' : 'rows'}`;
  return `Saved “${result.fileName}” (${sizeText(result.bytes)}${rows}).`;
}

/** Resolves with the message shown (also as a toast); never throws. */
export async function runExport<K extends ExportName>(name: K, input: HandlerInput<K>): Promise<string> {
  let message: string;
  try {
    const result = (await call(name, input)) as ExportResult;
    if (result.status === 'saved' && result.downloadUrl) download(result.downloadUrl, result.fileName);
    message = exportMessage(result);
  } catch (error) {
    message = errorText(error);
  }
  useToast.getState().show(message);
  return message;
}
