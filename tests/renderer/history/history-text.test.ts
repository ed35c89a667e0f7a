import { describe, expect, it } from 'vitest';
import { fieldLabel, valueText } from '../../../renderer/src/components/history/history-text.js';
import { formatDate, formatDateTime } from '../../../renderer/src/format.js';

describe('history in words', () => {
  it('labels fields as the forms do', () => {
    expect(fieldLabel('siteId')).toBe('Site');
    expect(fieldLabel('dueDate')).toBe('Due date');
    expect(fieldLabel('signedOffBy')).toBe('Signed off by');
  });

  it('shows labels, site names and formatted dates instead of raw values', () => {
    expect(valueText({ field: 'status', value: 'in_progress', current: true })).toBe('In progress');
    expect(valueText({ field: 'priority', value: 'urgent', current: true })).toBe('Urgent');
    expect(valueText({ field: 'siteId', value: '01a230af-0000-7000-8000-000000000000', label: 'Harbour View', current: true })).toBe('Harbour View');
    expect(valueText({ field: 'siteId', value: '01a230af-0000-7000-8000-000000000000', current: true })).toBe('Unknown site');
    expect(valueText({ field: 'siteId', value: null, current: true })).toBe('No site');
    expect(valueText({ field: 'assignee', value: null, current: true })).toBe('Unassigned');
    expect(valueText({ field: 'dueDate', value: '2026-12-05', current: true })).toBe(formatDate('2026-12-05'));
    expect(valueText({ field: 'deletedAt', value: '2026-12-01T10:00:00.000Z', current: true })).toBe(`Yes, ${formatDateTime('2026-12-01T10:00:00.000Z')}`);
    // A value from a newer app, or damaged, is shown as it is rather than hidden.
    expect(valueText({ field: 'status', value: 'on_hold', current: true })).toBe('on_hold');
  });

  it('shortens only when asked (button names), never in the panel', () => {
    const long = 'x'.repeat(500);
    expect(valueText({ field: 'description', value: long, current: true })).toBe(long);
    expect(valueText({ field: 'description', value: long, current: true }, 80)).toHaveLength(80);
  });
});
