import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/contract/index.js';

describe('sync, settings and history contract entries reject bad input', () => {
  const cases: [keyof typeof contract, unknown][] = [
    ['sync.status', { extra: true }],
    ['sync.now', { force: 1 }],
    ['sync.poke', { online: true }],
    ['sync.replicas', { all: true }],
    ['sync.repair', { deleteEverything: true }],
    ['sync.repair', { force: 'yes' }],
    ['settings.testConnection', { url: 'javascript:alert(1)' }],
    ['settings.testConnection', { url: 'http://x', authToken: '' }],
    ['settings.testConnection', { url: `http://${'a'.repeat(3000)}` }],
    ['history.list', { entity: 'job' }],
    ['history.list', { entity: 'Job', entityId: '0190a0a0-0000-7000-8000-000000000000' }],
    ['history.restore', { changeId: 'not-a-uuid', field: 'title' }],
    ['history.restore', { changeId: '0190a0a0-0000-7000-8000-000000000000', field: 'title; DROP' }],
  ];
  for (const [name, input] of cases) {
    it(`${name} rejects ${JSON.stringify(input).slice(0, 60)}`, () => {
      expect(contract[name].input.safeParse(input).success).toBe(false);
    });
  }

  it('accepts the well-formed inputs', () => {
    expect(contract['sync.repair'].input.safeParse({}).success).toBe(true);
    expect(contract['sync.repair'].input.safeParse({ force: true }).success).toBe(true);
    expect(contract['settings.testConnection'].input.safeParse({ url: 'libsql://db.turso.io', authToken: 't' }).success).toBe(true);
    expect(
      contract['history.restore'].input.safeParse({ changeId: '0190a0a0-0000-7000-8000-000000000000', field: 'deletedAt' }).success,
    ).toBe(true);
  });
});
