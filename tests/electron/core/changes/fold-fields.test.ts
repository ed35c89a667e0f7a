/**
 * The stored form of a fold's winners: what is written reads back exactly,
 * folds written in the older per-field form still read, and the written form
 * names each winning change once (the bytes every laptop downloads).
 */
import { describe, expect, it } from 'vitest';
import { decodeFoldFields, encodeFoldFields, type FoldedField } from '../../../../electron/core/changes/fold-fields.js';

const CREATE: [string, string] = ['1702865734031-00000-0f0b6c1e-5a4e-4d7a-9a51-3c2f4f3b2a10', '018c7ab5-098f-71ff-b388-e586b76c0083'];
const EDIT: [string, string] = ['1707760392336-00000-7d1c2b3a-1e2f-4a5b-8c9d-0e1f2a3b4c5d', '018d9e73-9890-7c8e-bd1f-acdb9e71d94d'];

const winners: Record<string, FoldedField> = {
  title: ['Repair valve', ...CREATE],
  siteId: [null, ...CREATE],
  priority: ['normal', ...CREATE],
  latitude: [51.5, ...CREATE],
  status: ['done', ...EDIT],
  updatedAt: ['2024-02-12T17:53:12.336Z', ...EDIT],
  updatedBy: ['Ben Okafor', ...EDIT],
};

describe('fold fields', () => {
  it('reads back exactly what it wrote (nulls and numbers included), one entry per winning change in stamp order', () => {
    const text = encodeFoldFields(winners);
    expect(decodeFoldFields(text)).toEqual(winners);
    const stored = JSON.parse(text) as { '@won': [string, string, Record<string, unknown>][] };
    expect(stored['@won'].map(([hlc, id]) => [hlc, id])).toEqual([CREATE, EDIT]);
    expect(stored['@won'][1]![2]).toEqual({ status: 'done', updatedAt: '2024-02-12T17:53:12.336Z', updatedBy: 'Ben Okafor' });
    // The History panel finds a fold by a change id it still names, as a JSON string.
    expect(text).toContain(`"${EDIT[1]}"`);
  });

  it('is smaller than the per-field form by the stamps and ids it no longer repeats', () => {
    const legacy = JSON.stringify(winners);
    const lean = encodeFoldFields(winners);
    const repeated = (Object.keys(winners).length - 2) * (CREATE[0].length + CREATE[1].length);
    expect(legacy.length - lean.length).toBeGreaterThan(repeated);
  });

  it('still reads folds written in the per-field form, and a mix of both keeps each field’s greatest (stamp, id)', () => {
    const legacy = JSON.stringify(winners);
    expect(decodeFoldFields(legacy)).toEqual(winners);
    const mixed = JSON.stringify({
      '@won': [[...CREATE, { status: 'open', title: 'Repair valve' }]],
      status: ['done', ...EDIT],
      '@workers': { d: ['Ben Okafor', EDIT[0]] },
    });
    expect(decodeFoldFields(mixed)).toEqual({ status: ['done', ...EDIT], title: ['Repair valve', ...CREATE] });
  });

  it('a damaged column or entry contributes nothing rather than a wrong value', () => {
    expect(decodeFoldFields('not json')).toEqual({});
    expect(decodeFoldFields('[1,2,3]')).toEqual({});
    const damaged = JSON.stringify({ '@won': [[EDIT[0], 7, { status: 'x' }], 'junk', [...CREATE, ['not', 'an object']], [...EDIT, { status: 'done' }]], title: ['t', 1, 2] });
    expect(decodeFoldFields(damaged)).toEqual({ status: ['done', ...EDIT] });
  });
});
