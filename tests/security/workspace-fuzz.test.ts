/**
 * The workspace handlers of a real WorkspaceManager (which the general IPC
 * fuzz cannot reach: it drives one Core alone) under hostile and plausible
 * payloads: every answer is a typed error or a valid result, no prototype is
 * polluted, and the folders on disk always match the workspace list.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.js';
import type { WorkspaceSummary } from '../../shared/domain/workspace.js';
import { call, startTestWorkspaces } from '../helpers/workspaces.js';

const NAMES = ['workspace.create', 'workspace.rename', 'workspace.switch', 'workspace.remove', 'workspace.export', 'workspace.import', 'workspace.openDemo', 'workspace.list', 'workspace.backups'] as const;

const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    NaN,
    '',
    '   ',
    '../..',
    '../../etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\system32',
    '\u0000',
    '\u202eevil',
    'x'.repeat(100_000),
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    [],
    '../settings.json',
    'a.fieldbook-backup',
    '../x.fieldbook-backup',
  ),
  fc.string({ maxLength: 120 }),
  fc.anything({ maxDepth: 2 }),
);

describe('workspace handlers under fuzzing', () => {
  it('answer every payload with a typed error or a valid result; the folders match the list', { timeout: 240_000 }, async () => {
    const manager = await startTestWorkspaces({ syncTimings: { pollMs: 60_000 } });
    const dataDir = manager.settings.dataDir;
    const ids = () => manager.settings.current.workspaces.map((w) => w.id);
    const idValue = fc.oneof(fc.nat().map((i) => ({ existing: i })), fc.uuid({ version: 7 }), hostile);
    const nameValue = fc.oneof(fc.string({ minLength: 1, maxLength: 90 }), hostile);
    const random = fc.record({ id: idValue, name: nameValue, file: hostile }, { requiredKeys: [] });
    // The handler's own shape most of the time, so valid calls happen among the hostile ones.
    const shaped: Record<(typeof NAMES)[number], fc.Arbitrary<unknown>> = {
      'workspace.create': fc.record({ name: nameValue }),
      'workspace.rename': fc.record({ id: idValue, name: nameValue }),
      'workspace.switch': fc.record({ id: idValue }),
      'workspace.remove': fc.record({ id: idValue }),
      'workspace.export': fc.record({ id: idValue }, { requiredKeys: [] }),
      'workspace.import': fc.record({ file: hostile, name: nameValue }, { requiredKeys: ['file'] }),
      'workspace.openDemo': fc.constant({}),
      'workspace.list': fc.constant({}),
      'workspace.backups': fc.constant({}),
    };
    const call_ = fc.constantFrom(...NAMES).chain((name) =>
      fc.tuple(fc.constant(name), fc.oneof({ weight: 4, arbitrary: shaped[name] }, { weight: 1, arbitrary: random }, { weight: 1, arbitrary: hostile })),
    );
    const accepted = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(call_, async ([name, raw]) => {
        let input = raw;
        if (raw && typeof raw === 'object' && 'id' in raw && raw.id && typeof raw.id === 'object' && 'existing' in raw.id) {
          const pool = ids();
          input = { ...raw, id: pool[(raw.id as { existing: number }).existing % pool.length] };
        }
        const result = await manager.dispatch(name, input);
        if (result.ok) accepted.set(name, (accepted.get(name) ?? 0) + 1);
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const listed = (await call<WorkspaceSummary[]>(manager, 'workspace.list')).map((w) => w.id).sort();
        const folders = fs.readdirSync(path.join(dataDir, 'workspaces')).sort();
        expect(folders).toEqual(listed);
        expect(listed).toContain(manager.currentWorkspaceId);
        // Nothing written beside the data dir's own files and folders.
        expect(fs.readdirSync(dataDir).filter((f) => !['settings.json', 'workspaces', 'backups'].includes(f))).toEqual([]);
      }),
      { numRuns: 200 },
    );
    // Valid calls happened too, so the folder check saw workspaces come and go.
    for (const name of ['workspace.create', 'workspace.rename', 'workspace.switch'] as const) expect(accepted.get(name) ?? 0, name).toBeGreaterThan(0);
  });
});
