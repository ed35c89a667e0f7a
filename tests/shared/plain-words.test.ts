/** Refused input reads as plain words naming the field, from the contract's own schemas. */
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { fieldLabel, plainIssues } from '../../shared/contract/plain-words.js';
import { isRealDate } from '../../shared/contract/fields.js';

function messageFor(name: keyof typeof contract, input: unknown): string {
  const parsed = contract[name].input.safeParse(input);
  if (parsed.success) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
  return plainIssues(parsed.error.issues, input, name.split('.')[0]);
}

describe('plain words', () => {
  it('names the field as a worker knows it and says what is wrong', () => {
    expect(messageFor('templates.create', { name: 'Ladder', items: ['ok', 'x'.repeat(301)] })).toBe(
      'Item 2 of the checklist is too long: at most 300 characters.',
    );
    expect(messageFor('templates.create', { name: ' ', items: ['a'] })).toBe('The template name is required.');
    expect(messageFor('templates.create', { name: 'a', items: ['a', ' '] })).toBe('Item 2 of the checklist is empty.');
    expect(messageFor('settings.testConnection', { url: 'ftp://example.com' })).toBe(
      'The primary URL must be an https:// or libsql:// URL (http:// only for this computer).',
    );
    expect(messageFor('jobs.create', { title: 'x'.repeat(201) })).toBe('The title is too long: at most 200 characters.');
    expect(messageFor('jobs.create', {})).toBe('The title is missing.');
    expect(messageFor('jobs.create', { title: 5 })).toBe('The title must be text.');
    expect(messageFor('jobs.create', { title: 'a', priority: 'asap' })).toBe('The priority must be one of: low, normal, high, urgent.');
    expect(messageFor('notes.add', { jobId: 'nope', body: 'x' })).toBe('The job reference is not valid.');
    expect(messageFor('profile.set', { name: '' })).toBe('Your name is required.');
    expect(messageFor('sites.create', { name: 'a', address: 'b', latitude: 91 })).toBe('The latitude must be at most 90.');
    expect(messageFor('inspections.setItem', { inspectionId: '01900000-0000-7000-8000-000000000001', itemId: '01900000-0000-7000-8000-000000000001', measurement: 'ten' })).toBe(
      'The measurement must be a number.',
    );
    expect(messageFor('jobs.create', { title: 'a', owner: 'me' })).toBe('The request has a field Fieldbook does not know: “owner”.');
  });

  it('never shows a handler name or a schema path', () => {
    const messages = [
      messageFor('templates.create', { name: 'a', items: Array.from({ length: 3 }, () => 'y'.repeat(400)) }),
      messageFor('jobs.list', { status: ['closed'], dueFrom: '2026-13-01' }),
      messageFor('settings.setConnection', { url: 'x' }),
      messageFor('drafts.save', { key: 'x', value: { a: 1 } }),
    ];
    for (const message of messages) {
      expect(message).not.toMatch(/[a-z]+\.[a-z][a-zA-Z]+:|\b[a-zA-Z]+\.\d+\b/);
      expect(message).toMatch(/^[A-Z“]/);
    }
    expect(messages[1]).toMatch(/^A status in the filter must be one of/);
  });

  it('labels nested and array paths', () => {
    expect(fieldLabel(['items', 0])).toBe('Item 1 of the checklist');
    expect(fieldLabel(['name'], 'sites')).toBe('The site name');
    expect(fieldLabel([])).toBe('The request');
    expect(fieldLabel(['strange'])).toBe('The field “strange”');
  });

  it('knows a real calendar day from an impossible one', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2027-02-29')).toBe(false);
    expect(isRealDate('2027-02-30')).toBe(false);
    expect(isRealDate('2027-04-31')).toBe(false);
    expect(isRealDate('2027-13-01')).toBe(false);
    expect(isRealDate('27-01-01')).toBe(false);
  });
});
