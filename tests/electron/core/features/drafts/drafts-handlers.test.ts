/** drafts.* through the real dispatch of a real core: validated, local-only, kept across a core restart. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../../../shared/contract/index.js';
import type { Draft } from '../../../../../shared/contract/drafts.js';
import { closeCore, invoke, startTestCore } from '../../../../helpers/core.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const JOB = '01900000-0000-7000-8000-000000000001';
const ITEM = '01900000-0000-7000-8000-000000000002';

describe('drafts handlers', () => {
  it('keep a draft across a restart of the core and never write it to the replica', async () => {
    const dataDir = tempDir('fieldbook-data-');
    let core = await startTestCore({ dataDir });
    const tables = async () =>
      JSON.stringify(await core.replica.db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    const changesBefore = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
    const tablesBefore = await tables();
    const saved = await invoke<Draft>(core, 'drafts.save', { key: `note:${JOB}`, value: { body: 'Resample T2 in thr' } });
    await invoke(core, 'drafts.save', { key: `checklist:${JOB}:${ITEM}`, value: { comment: 'Loose', measurement: '3,5', unit: 'mm' } });
    expect(saved.value).toEqual({ body: 'Resample T2 in thr' });
    expect(await core.replica.db.get('SELECT count(*) AS n FROM changes')).toEqual(changesBefore);
    expect(await tables()).toBe(tablesBefore);
    const rows = JSON.stringify(await core.replica.db.all('SELECT * FROM changes'));
    expect(rows).not.toContain('Resample T2');

    await closeCore(core);
    core = await startTestCore({ dataDir });
    expect((await invoke<Draft | null>(core, 'drafts.get', { key: `note:${JOB}` }))?.value).toEqual({ body: 'Resample T2 in thr' });
    expect(await invoke(core, 'drafts.discard', { key: `note:${JOB}` })).toEqual({ discarded: true });
    expect(await invoke(core, 'drafts.get', { key: `note:${JOB}` })).toBeNull();
    expect((await invoke<Draft | null>(core, 'drafts.get', { key: `checklist:${JOB}:${ITEM}` }))?.value.measurement).toBe('3,5');
  });

  it('refuses keys that name no form and values that are not form text, in plain words', async () => {
    const core = await startTestCore();
    const cases: [unknown, RegExp][] = [
      [{ key: '../../settings', value: {} }, /The draft name must name a form/],
      [{ key: 'job:42', value: {} }, /The draft name/],
      [{ key: `note:${JOB}`, value: { body: 5 } }, /must be text/],
      [{ key: `note:${JOB}`, value: { body: 'x'.repeat(40_001) } }, /too long: at most 40000 characters/],
      [{ key: `note:${JOB}`, value: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}`, ''])) }, /more than 16 fields/],
      [{ key: `note:${JOB}`, value: { 'body text': 'x' } }, /form field name/],
      [{ key: `note:${JOB}` }, /The draft is missing/],
    ];
    for (const [input, message] of cases) {
      const result = await core.dispatch('drafts.save', input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toMatch(/drafts\.save/);
    }
    expect(await invoke(core, 'drafts.get', { key: `note:${JOB}` })).toBeNull();
    // A "__proto__" key is dropped by the schema, never assigned as a prototype.
    expect((await invoke<Draft>(core, 'drafts.save', { key: `note:${JOB}`, value: JSON.parse('{"__proto__": {"polluted": "x"}}') })).value).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts exactly what the schema accepts, round-trips it, and keeps the last save across a restart', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('fieldbook-data-');
    let core = await startTestCore({ dataDir });
    const changes = async () => JSON.stringify(await core.replica.db.all('SELECT * FROM changes'));
    const before = await changes();
    const keys = ['job:new', 'site:new', `note:${JOB}`, `site:${JOB}`, `checklist:${JOB}:${ITEM}`];
    const key = fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 60 }), fc.constantFrom('note:', 'job:NEW', `note:${JOB.toUpperCase()}`, '__proto__'));
    const value = fc.oneof(
      fc.dictionary(fc.constantFrom('title', 'body', 'comment', 'x1'), fc.string({ maxLength: 200 }), { maxKeys: 4 }),
      fc.anything({ maxDepth: 2 }),
    );
    const last = new Map<string, unknown>();
    await fc.assert(
      fc.asyncProperty(key, value, async (k, v) => {
        const input = { key: k, value: v };
        const accepted = contract['drafts.save'].input.safeParse(input).success;
        const result = await core.dispatch('drafts.save', input);
        expect(result.ok).toBe(accepted);
        if (!result.ok) {
          expect(result.error.code).toBe('INVALID_INPUT');
          return;
        }
        last.set(k, (result.value as Draft).value);
        expect((await invoke<Draft | null>(core, 'drafts.get', { key: k }))?.value).toEqual((result.value as Draft).value);
      }),
      { numRuns: 200 },
    );
    expect(last.size).toBeGreaterThan(0);
    expect(await changes()).toBe(before);
    await closeCore(core);
    core = await startTestCore({ dataDir });
    for (const [k, v] of last) expect((await invoke<Draft | null>(core, 'drafts.get', { key: k }))?.value).toEqual(v);
  });
});
