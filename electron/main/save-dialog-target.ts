/**
 * The desktop app's save target: the OS save dialog, opened by main (never by
 * the renderer) in the worker's Downloads folder with the suggested name.
 */
import type { BrowserWindow, Dialog, FileFilter } from 'electron';
import path from 'node:path';
import type { ChosenFile, SaveRequest, SaveTarget } from '../core/features/reports/save-target.js';
import { EXTENSIONS } from '../core/features/reports/save-target.js';

const FILTERS: Record<SaveRequest['kind'], FileFilter> = {
  pdf: { name: 'PDF document', extensions: [EXTENSIONS.pdf] },
  csv: { name: 'CSV spreadsheet', extensions: [EXTENSIONS.csv] },
};

export function saveDialogTarget(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parentWindow: () => BrowserWindow | null,
  downloadsDir: () => string,
): SaveTarget {
  return {
    async choose(request: SaveRequest): Promise<ChosenFile | null> {
      const options: Electron.SaveDialogOptions = {
        title: request.kind === 'pdf' ? 'Save the report' : 'Save the export',
        defaultPath: path.join(downloadsDir(), request.suggestedName),
        filters: [FILTERS[request.kind]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = parentWindow();
      const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (answer.canceled || !answer.filePath) return null;
      // The dialog may drop the extension the filter implies on Linux.
      const chosen = path.extname(answer.filePath) ? answer.filePath : `${answer.filePath}.${EXTENSIONS[request.kind]}`;
      return { path: chosen, fileName: path.basename(chosen), downloadUrl: null };
    },
  };
}
