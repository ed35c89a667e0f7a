/** The desktop save target with a STAND-IN for Electron's dialog (the OS dialog cannot open here). */
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { saveDialogTarget } from '../../../electron/main/save-dialog-target.js';

type Options = Electron.SaveDialogOptions;

function dialogStandIn(answer: (options: Options) => { canceled: boolean; filePath?: string }) {
  const calls: Array<{ parent: boolean; options: Options }> = [];
  const dialog = {
    showSaveDialog: async (...args: unknown[]) => {
      const options = args[args.length - 1] as Options;
      calls.push({ parent: args.length === 2, options });
      return { filePath: '', ...answer(options) };
    },
  } as unknown as Pick<Dialog, 'showSaveDialog'>;
  return { dialog, calls };
}

describe('saveDialogTarget', () => {
  it('offers the suggested name in Downloads with the kind’s filter, under the app window', async () => {
    const { dialog, calls } = dialogStandIn((options) => ({ canceled: false, filePath: options.defaultPath }));
    const window = {} as BrowserWindow;
    const target = saveDialogTarget(dialog, () => window, () => '/home/ana/Downloads');
    const chosen = await target.choose({ suggestedName: 'Pump check - report 2026-12-01.pdf', kind: 'pdf' });
    expect(chosen).toEqual({ path: path.join('/home/ana/Downloads', 'Pump check - report 2026-12-01.pdf'), fileName: 'Pump check - report 2026-12-01.pdf', downloadUrl: null });
    expect(calls[0]!.parent).toBe(true);
    expect(calls[0]!.options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(calls[0]!.options.properties).toContain('showOverwriteConfirmation');
  });

  it('answers null when the worker cancels, and adds the extension a dialog dropped', async () => {
    const cancelled = saveDialogTarget(dialogStandIn(() => ({ canceled: true })).dialog, () => null, () => '/tmp');
    expect(await cancelled.choose({ suggestedName: 'x.csv', kind: 'csv' })).toBeNull();
    const noPath = saveDialogTarget(dialogStandIn(() => ({ canceled: false, filePath: '' })).dialog, () => null, () => '/tmp');
    expect(await noPath.choose({ suggestedName: 'x.csv', kind: 'csv' })).toBeNull();
    const { dialog, calls } = dialogStandIn(() => ({ canceled: false, filePath: '/data/exports/jobs' }));
    const chosen = await saveDialogTarget(dialog, () => null, () => '/tmp').choose({ suggestedName: 'jobs.csv', kind: 'csv' });
    expect(chosen).toEqual({ path: '/data/exports/jobs.csv', fileName: 'jobs.csv', downloadUrl: null });
    expect(calls[0]!.parent).toBe(false);
  });
});
