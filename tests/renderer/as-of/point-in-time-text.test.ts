import { describe, expect, it } from 'vitest';
import { entryText, subjectText } from '../../../renderer/src/components/activity/activity-text.js';
import { differenceText } from '../../../renderer/src/components/as-of/differences-text.js';
import { editTimeOf, fromLocalInput, toLocalInput } from '../../../renderer/src/components/as-of/moment.js';
import type { ActivityEntry } from '../../../shared/domain/activity.js';
import { encodeHlc } from '../../../shared/hlc.js';

const entry = (over: Partial<ActivityEntry>): ActivityEntry => ({
  changeId: 'c',
  area: 'job',
  entity: 'job',
  entityId: 'j',
  kind: 'update',
  editedAt: '2026-12-01T09:00:00.000Z',
  actor: 'Ana',
  deviceId: 'd',
  jobId: 'j',
  jobTitle: 'Boiler service',
  siteName: null,
  label: null,
  fields: [],
  ...over,
});

describe('point in time in words', () => {
  it('says who did what to which record', () => {
    expect(entryText(entry({}))).toBe('Ana edited job “Boiler service”');
    expect(entryText(entry({ entity: 'inspection_item', kind: 'update', label: 'Flue clear' }))).toBe('Ana edited checklist item “Flue clear” of job “Boiler service”');
    expect(entryText(entry({ entity: 'note', kind: 'create' }))).toBe('Ana created a timeline entry of job “Boiler service”');
    expect(subjectText(entry({ entity: 'site', jobId: null, jobTitle: null, siteName: 'Depot' }))).toBe('site “Depot”');
    expect(subjectText(entry({ entity: 'photo', jobId: null }))).toBe('a photo record');
    expect(differenceText({ entity: 'job', entityId: 'j', label: null, fields: ['title', 'status', 'deletedAt'] })).toBe('Title, status, deleted or not');
    expect(differenceText({ entity: 'inspection_item', entityId: 'i', label: 'Pressure', fields: ['result', 'measurement'] })).toBe('Checklist item “Pressure”: answer, measurement');
  });

  it('round-trips the datetime field in local time and reads an edit time from its stamp', () => {
    const iso = '2026-12-01T09:30:05.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('2026-12-01')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
    expect(editTimeOf(encodeHlc({ wallMs: Date.parse(iso), counter: 3, deviceId: 'dev' }))).toBe(iso);
  });
});
