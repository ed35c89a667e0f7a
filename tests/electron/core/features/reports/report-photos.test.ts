/**
 * Reports with the real photos feature: photos of the job and of a checklist
 * item and the drawn signature, taken through `attachments.add`, end up in the
 * PDF; an original that is not on this laptop (and no store to fetch it from)
 * is replaced by its thumbnail, and the report says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../../shared/domain/attachments.js';
import type { ExportResult } from '../../../../../shared/domain/reports.js';
import { invoke, startTestCore } from '../../../../helpers/core.js';
import { pdfImageCount, pdfText } from '../../../../helpers/pdf-tools.js';
import { base64, makePhoto } from '../../../../helpers/photos.js';
import { DialogStandIn, reportWork } from '../../../../helpers/report-work.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

describe('reports with photos', () => {
  it('embeds the job photo, the item photo and the signature; a missing original is shown by its thumbnail with a note', async () => {
    const folder = tempDir('fieldbook-report-photos-');
    const core = await startTestCore({ saveTarget: new DialogStandIn(folder), photos: { defaultObjectStore: null } });
    const work = await reportWork(core);
    const signature = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="300" height="120"><path d="M10 60 L290 60" stroke="black" stroke-width="6"/></svg>') }])
      .png()
      .toBuffer();
    const onJob = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: work.job.id, data: base64(await makePhoto(800, 600)), caption: 'Nameplate' });
    await invoke(core, 'attachments.add', {
      ownerType: 'inspection_item',
      ownerId: work.inspection.items[1]!.id,
      data: base64(await makePhoto(640, 480, { seed: 3 })),
      caption: 'Outlet gauge',
    });
    await invoke(core, 'attachments.add', { ownerType: 'sign_off', ownerId: work.inspection.id, data: base64(signature) });

    const first = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: work.job.id });
    if (first.status !== 'saved') throw new Error(`not saved: ${first.status}`);
    const file = path.join(folder, first.fileName);
    expect(pdfImageCount(file)).toBeGreaterThanOrEqual(3);
    const text = pdfText(file);
    expect(text).toContain('Nameplate');
    expect(text).toContain('Outlet gauge');
    expect(text).not.toContain('not on this laptop');

    // The job photo's original goes missing (evicted, or taken on another laptop) and no store is configured.
    await core.photos.blobs.remove(onJob.sha256);
    fs.rmSync(file);
    const second = await invoke<ExportResult>(core, 'reports.jobPdf', { jobId: work.job.id });
    if (second.status !== 'saved') throw new Error(`not saved: ${second.status}`);
    const again = path.join(folder, second.fileName);
    expect(pdfImageCount(again)).toBeGreaterThanOrEqual(3);
    expect(pdfText(again)).toContain('the full photo is not on this laptop');
  });
});
