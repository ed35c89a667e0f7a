import { describe, expect, it } from 'vitest';
import { createDispatch, mergeHandlers } from '../../../../electron/core/rpc/registry.js';
import { HANDLER_NAMES } from '../../../../shared/contract/index.js';
import type { JobPage } from '../../../../shared/domain/jobs.js';
import { invoke, startTestCore } from '../../../helpers/core.js';

describe('dispatch through the contract', () => {
  it('rejects an invalid payload with INVALID_INPUT naming the field, and changes nothing', async () => {
    const core = await startTestCore();
    const before = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
    const cases: unknown[] = [
      {},
      { title: '' },
      { title: 42 },
      { title: 'ok', status: 'exploded' },
      { title: 'ok', extra: true },
      { title: 'x'.repeat(10 * 1024 * 1024) },
      null,
      'jobs',
      [],
    ];
    for (const input of cases) {
      const result = await core.dispatch('jobs.create', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT');
        expect(result.error.message).not.toMatch(/jobs\.create/);
        expect(result.error.detail).toMatch(/^jobs\.create: /);
      }
    }
    const missingTitle = await core.dispatch('jobs.create', {});
    expect(!missingTitle.ok && missingTitle.error).toMatchObject({ message: 'The title is missing.', field: 'title' });
    const after = await core.replica.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
    expect(after).toEqual(before);
    expect((await invoke<JobPage>(core, 'jobs.list')).items).toEqual([]);
  });

  it('answers UNKNOWN_HANDLER for names outside the contract, including prototype keys', async () => {
    const core = await startTestCore();
    for (const name of ['jobs.drop', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await core.dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    }
  });

  it('answers NOT_FOUND for a well-formed id that does not exist', async () => {
    const core = await startTestCore();
    const result = await core.dispatch('jobs.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('turns an unexpected exception into INTERNAL without leaking it, and reports it', async () => {
    const reported: string[] = [];
    // Every handler in the contract, each failing the way a bug would.
    const failing = Object.fromEntries(
      HANDLER_NAMES.map((name) => [
        name,
        async () => {
          throw new Error('secret internals');
        },
      ]),
    );
    const table = mergeHandlers(failing);
    const dispatch = createDispatch(table, { onInternalError: (name) => reported.push(name) });
    const result = await dispatch('workspace.info', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong inside Fieldbook; the error was logged. Try again.',
        detail: 'workspace.info failed unexpectedly',
      },
    });
    expect(reported).toEqual(['workspace.info']);
  });

  it('refuses a registry with a missing or duplicate handler', () => {
    expect(() => mergeHandlers({})).toThrow(/no handler for: .*workspace\.info/);
    const list = async () => ({ items: [], nextCursor: null });
    expect(() => mergeHandlers({ 'jobs.list': list }, { 'jobs.list': list })).toThrow(/registered twice/);
  });
});
