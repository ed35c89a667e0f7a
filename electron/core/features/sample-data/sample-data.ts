/** Example content a new install may load to look around; never loaded on its own. */
import type { SampleDataResult } from '../../../../shared/domain/profile.js';
import { AppError } from '../../../../shared/errors.js';
import { uuidv7 } from '../../../../shared/ids.js';
import { recordEdit, type EditContext } from '../../changes/change-log.js';
import type { Db } from '../../db/database.js';
import { jobEntity } from '../jobs/job-entity.js';
import { siteEntity } from '../sites/site-entity.js';
import { createTemplate, liveTemplateNamed } from '../templates/template-queries.js';

const SITES = [
  { name: 'Harbour View Apartments', address: '12 Quay Street, Portside', contact: 'Dana Reyes, caretaker, 555-0142', latitude: 51.5072, longitude: -0.1276 },
  { name: 'Northgate Primary School', address: '4 Elm Road, Northgate', contact: 'Front office, 555-0199', latitude: null, longitude: null },
  { name: 'Riverside Depot', address: 'Unit 7, Mill Lane Industrial Estate', contact: 'Sam Okafor, site manager', latitude: null, longitude: null },
];

const JOBS: { title: string; site: number; priority: string; status: string; dueInDays: number | null; description: string }[] = [
  { title: 'Annual boiler service', site: 0, priority: 'normal', status: 'open', dueInDays: 2, description: 'Gas boiler in the basement plant room. Keys with the caretaker.' },
  { title: 'Fire door inspection, floors 1–4', site: 0, priority: 'high', status: 'in_progress', dueInDays: 0, description: 'Check closers, seals and signage on every fire door.' },
  { title: 'Replace emergency lighting batteries', site: 1, priority: 'urgent', status: 'open', dueInDays: -1, description: 'Hall and corridor units failed the monthly test.' },
  { title: 'Playground surface check', site: 1, priority: 'low', status: 'open', dueInDays: 10, description: '' },
  { title: 'Forklift charging bay electrical test', site: 2, priority: 'high', status: 'blocked', dueInDays: 5, description: 'Waiting for the bay to be cleared by the depot team.' },
  { title: 'Roof gutter clearance', site: 2, priority: 'normal', status: 'done', dueInDays: -7, description: 'Cleared north and east gutters.' },
];

const TEMPLATE = {
  name: 'General safety inspection',
  items: [
    'Access and exits are clear',
    'Fire extinguishers present and in date',
    'Emergency lighting works',
    'Electrical panels closed and labelled',
    'Residual current device trips (ms)',
    'No visible water damage',
  ],
};

const addDays = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export async function loadSampleData(db: Db, edits: EditContext): Promise<SampleDataResult> {
  return db.transaction(async (tx) => {
    const existing = await tx.get<{ n: number }>(
      `SELECT (SELECT count(*) FROM jobs WHERE deleted_at IS NULL) + (SELECT count(*) FROM sites WHERE deleted_at IS NULL) AS n`,
    );
    if (Number(existing?.n ?? 0) > 0) {
      throw new AppError('CONFLICT', 'Sample data is only offered for an empty workspace; this one already has jobs or sites.');
    }
    const siteIds: string[] = [];
    for (const site of SITES) {
      const id = uuidv7(edits.now().getTime());
      await recordEdit(tx, edits, siteEntity, { entityId: id, kind: 'create', values: { ...site, notes: '' } });
      siteIds.push(id);
    }
    const now = edits.now();
    for (const job of JOBS) {
      await recordEdit(tx, edits, jobEntity, {
        entityId: uuidv7(edits.now().getTime()),
        kind: 'create',
        values: {
          title: job.title,
          description: job.description,
          siteId: siteIds[job.site] ?? null,
          priority: job.priority,
          status: job.status,
          assignee: edits.actor(),
          dueDate: job.dueInDays === null ? null : addDays(now, job.dueInDays),
        },
      });
    }
    // Template names are unique: a team that already has this checklist keeps its own.
    const hasTemplate = (await liveTemplateNamed(tx, TEMPLATE.name)) !== null;
    if (!hasTemplate) await createTemplate(tx, edits, TEMPLATE.name, TEMPLATE.items);
    return { sites: SITES.length, jobs: JOBS.length, templates: hasTemplate ? 0 : 1 };
  });
}
