/**
 * Exports at size: the whole seeded job list as CSV (time, memory growth while
 * it streams, longest event-loop stall) and a report with 20 photos. The files
 * are really written, through the browser host's save target (the core's
 * default, a download folder in the workspace); the photos are JPEGs made with
 * sharp and handed in through the report's media interface, as the photos
 * feature will.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { startCore, type Core } from '../../electron/core/app-core.js';
import type { ReportImage, ReportMedia } from '../../electron/core/features/reports/report-media.js';
import { UnprotectedSecretBox } from '../../electron/core/settings/secret-box.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import type { ExportResult } from '../../shared/domain/reports.js';
import { timeRuns } from './measure.js';
import type { Results } from './results.js';
import { StallMeter } from './stall-meter.js';
import { call } from './workspace.js';

const MB = 1024 * 1024;
const PHOTOS = 20;

/** Removes the written file, so runs do not fill the disk; answers the result. */
async function exportOnce(core: Core, name: string, input: unknown): Promise<ExportResult & { status: 'saved' }> {
  const result = await call<ExportResult>(core, name, input);
  if (result.status !== 'saved') throw new Error(`${name} was not saved`);
  const dir = core.downloads?.dir;
  if (dir) for (const file of fs.readdirSync(dir)) fs.rmSync(`${dir}/${file}`, { force: true });
  return result;
}

/** Peak growth of resident memory and heap over a baseline, sampled every 10 ms while `task` runs. */
async function memoryGrowth<T>(task: () => Promise<T>): Promise<{ value: T; rssMb: number; heapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  try {
    const value = await task();
    const end = process.memoryUsage();
    peakRss = Math.max(peakRss, end.rss);
    peakHeap = Math.max(peakHeap, end.heapUsed);
    return { value, rssMb: (peakRss - base.rss) / MB, heapMb: (peakHeap - base.heapUsed) / MB };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchCsvExport(dataDir: string, results: Results, runs: number): Promise<void> {
  const core = await startCore({ dataDir, appVersion: '0.0.0-bench', secrets: new UnprotectedSecretBox() });
  try {
    // No warm-up: the first run's memory growth is the one that counts (later runs reuse what it grew).
    const times: number[] = [];
    const rss: number[] = [];
    const heap: number[] = [];
    const stalls: number[] = [];
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const meter = new StallMeter().start();
      const start = performance.now();
      const { value, rssMb, heapMb } = await memoryGrowth(() => exportOnce(core, 'reports.jobsCsv', {}));
      times.push(performance.now() - start);
      stalls.push(meter.stop().maxMs);
      rss.push(rssMb);
      heap.push(heapMb);
      rows = value.rows ?? 0;
      bytes = value.bytes;
    }
    results.samples('export.csv', 'local', `CSV export of the whole job list (${rows} jobs, newest first)`, 'app', 'ms', times, { rows, bytes });
    results.samples('export.csv.rss', 'memory', 'resident memory growth during the CSV export (peak over the start)', 'app', 'MB', rss);
    results.samples('export.csv.heap', 'memory', 'JS heap growth during the CSV export (peak over the start)', 'app', 'MB', heap);
    results.samples('stall.export-csv', 'local', 'longest event-loop stall during the CSV export', 'app', 'ms', stalls);
  } finally {
    await core.close();
  }
}

async function photo(i: number): Promise<ReportImage> {
  // Noise compresses like a photo does (about 0.5 MB at 1280×960), unlike a flat colour.
  const data = await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { data, caption: `Photo ${i + 1}` };
}

export async function benchPhotoReport(dataDir: string, results: Results, runs: number): Promise<void> {
  const photos = await Promise.all(Array.from({ length: PHOTOS }, (_, i) => photo(i)));
  let itemIds: string[] = [];
  const media: ReportMedia = {
    jobPhotos: async () => photos.slice(0, PHOTOS / 2),
    itemPhotos: async () => new Map(itemIds.map((id, i) => [id, photos.slice(PHOTOS / 2 + i, PHOTOS / 2 + i + 1)])),
    signature: async () => null,
  };
  const core = await startCore({ dataDir, appVersion: '0.0.0-bench', secrets: new UnprotectedSecretBox(), reportMedia: media });
  try {
    const template = await call<{ id: string }>(core, 'templates.create', {
      name: `Bench photo checklist ${Date.now()}`,
      items: Array.from({ length: PHOTOS / 2 }, (_, i) => `Check point ${i + 1}`),
    });
    const job = await call<Job>(core, 'jobs.create', { title: 'Report with 20 photos' });
    const inspection = await call<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
    itemIds = inspection.items.map((item) => item.id);
    for (const item of inspection.items) {
      await call(core, 'inspections.setItem', { inspectionId: inspection.id, itemId: item.id, result: 'pass', measurement: 1.5, unit: 'bar' });
    }
    let bytes = 0;
    const stalls: number[] = [];
    const times = await timeRuns(async () => {
      const meter = new StallMeter().start();
      bytes = (await exportOnce(core, 'reports.jobPdf', { jobId: job.id })).bytes;
      stalls.push(meter.stop().maxMs);
    }, { runs, warmup: 1 });
    const photoBytes = photos.reduce((sum, p) => sum + p.data.length, 0);
    results.samples('export.pdf.photos', 'local', `job report with ${PHOTOS} photos (${(photoBytes / MB).toFixed(1)} MB of JPEG)`, 'app', 'ms', times, { bytes });
    // The warm-up run's stall is left out, as its time is.
    results.samples('stall.export-pdf', 'local', `longest event-loop stall during the ${PHOTOS}-photo report`, 'app', 'ms', stalls.slice(1));
    // The workspace is the one every later case measures: leave it with the seeded jobs only.
    await call(core, 'jobs.delete', { id: job.id });
  } finally {
    await core.close();
  }
}
