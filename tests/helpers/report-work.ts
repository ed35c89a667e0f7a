/**
 * A job worth a report, made through the real handlers: a site with address,
 * coordinates and contact, a checklist with every kind of answer, measurements,
 * non-ASCII text, notes and a sign-off. And a save target that stands in for the
 * OS save dialog (which cannot exist here): it answers a fixed folder, or cancels.
 */
import path from 'node:path';
import type { Core } from '../../electron/core/app-core.js';
import type { ChosenFile, SaveRequest, SaveTarget } from '../../electron/core/features/reports/save-target.js';
import type { Inspection } from '../../shared/domain/inspections.js';
import type { Job } from '../../shared/domain/jobs.js';
import { invoke } from './core.js';

export class DialogStandIn implements SaveTarget {
  readonly requests: SaveRequest[] = [];
  /** Null answers like a cancelled dialog. */
  constructor(public folder: string | null) {}
  async choose(request: SaveRequest): Promise<ChosenFile | null> {
    this.requests.push(request);
    return this.folder === null ? null : { path: path.join(this.folder, request.suggestedName), fileName: request.suggestedName, downloadUrl: null };
  }
}

export const ITEM_LABELS = ['Guard rails fixed', 'Pressure at the outlet', 'Gauge reading in Łódź style: ½ turn', 'Valve tag “V-17” readable', 'Ground clear'];

export interface ReportWork {
  job: Job;
  inspection: Inspection;
  siteName: string;
  measurements: string[];
  signer: string;
}

export async function reportWork(core: Core, signer = 'Ana Müller-Øster'): Promise<ReportWork> {
  await invoke(core, 'profile.set', { name: signer });
  const siteName = 'Pumpwerk Süd';
  const site = await invoke<{ id: string }>(core, 'sites.create', {
    name: siteName,
    address: 'Hafenstraße 12, 20457 Hamburg',
    latitude: 53.5438,
    longitude: 9.9663,
    contact: 'Jörg Ærø, +49 40 1234567',
  });
  const template = await invoke<{ id: string }>(core, 'templates.create', { name: 'Pump safety', items: ITEM_LABELS });
  const job = await invoke<Job>(core, 'jobs.create', {
    title: 'Quarterly pump inspection — Ωmega line',
    siteId: site.id,
    priority: 'high',
    assignee: signer,
    dueDate: '2026-12-15',
    description: 'Check the seals, the outlet pressure and the tags.',
  });
  const inspection = await invoke<Inspection>(core, 'inspections.start', { jobId: job.id, templateId: template.id });
  const [a, b, c, d, e] = inspection.items;
  const set = (itemId: string, answer: Record<string, unknown>) => invoke(core, 'inspections.setItem', { inspectionId: inspection.id, itemId, ...answer });
  await set(a!.id, { result: 'pass', comment: 'Tight, no play' });
  await set(b!.id, { result: 'fail', measurement: 4.75, unit: 'bar', comment: 'Above the 4 bar limit' });
  await set(c!.id, { result: 'pass', measurement: -12.5, unit: '°C' });
  await set(d!.id, { result: 'na', comment: 'Tag replaced last month' });
  await set(e!.id, { result: 'pass', measurement: 3, unit: 'm' });
  await invoke(core, 'notes.add', { jobId: job.id, body: 'Arrived on site, gate code from Jörg.' });
  await invoke(core, 'jobs.setStatus', { id: job.id, status: 'in_progress' });
  const signed = await invoke<Inspection>(core, 'inspections.signOff', { id: inspection.id });
  await invoke(core, 'jobs.setStatus', { id: job.id, status: 'done' });
  return { job, inspection: signed, siteName, measurements: ['4.75 bar', '-12.5 °C', '3 m'], signer };
}
