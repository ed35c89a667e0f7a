import { describe, expect, it } from 'vitest';
import { defineEntity, EntityRegistry } from '../../../../electron/core/changes/entity.js';
import { parseFields, project, sameValue, storedFields, type ChangeRow } from '../../../../electron/core/changes/projection.js';

const spec = defineEntity('widget_test', 'widgets', { name: 'name', size: 'size' });

function change(id: string, hlc: string, fields: Record<string, unknown>, kind = 'update'): ChangeRow {
  return { id, entity: 'widget_test', entity_id: 'w1', kind, hlc, device_id: 'd', actor: 'a', fields: JSON.stringify(fields), created_at: '' };
}

describe('projection of the change log', () => {
  it('takes each field from the change with the greatest stamp, whatever the order the log holds them in', () => {
    const changes = [
      change('c3', '0000000000300-00000-b', { name: 'late name' }),
      change('c1', '0000000000100-00000-a', { name: 'first', size: 1 }, 'create'),
      change('c2', '0000000000200-00000-a', { size: 2, name: 'middle' }),
    ];
    const { fields, hasCreate } = project(spec, changes);
    expect(hasCreate).toBe(true);
    expect(fields.get('name')).toEqual({ value: 'late name', changeId: 'c3', hlc: '0000000000300-00000-b' });
    expect(fields.get('size')?.value).toBe(2);
  });

  it('ignores fields this version does not know and entries that are not JSON objects', () => {
    const { fields } = project(spec, [
      change('c1', '0000000000100-00000-a', { name: 'x', fromTheFuture: 1 }),
      { ...change('c2', '0000000000200-00000-a', {}), fields: 'not json' },
    ]);
    // updatedBy: the row's actor (a change's fields leave out what its columns carry, since migration 10).
    expect([...fields.keys()]).toEqual(['name', 'updatedBy']);
  });

  it('takes updatedAt and updatedBy from the row when its fields leave them out, and from its fields when a row written before has them', () => {
    const lean = { ...change('c2', '0000000000200-00000-a', { name: 'lean' }), created_at: '2026-12-02T00:00:00.000Z', actor: 'Bo' };
    const older = { ...change('c1', '0000000000100-00000-a', { name: 'old', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'Al' }), created_at: 'other', actor: 'other' };
    expect(parseFields(lean)).toEqual({ name: 'lean', updatedAt: '2026-12-02T00:00:00.000Z', updatedBy: 'Bo' });
    expect(parseFields(older)).toEqual({ name: 'old', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'Al' });
    const { fields } = project(spec, [lean, older]);
    expect(fields.get('updatedAt')).toEqual({ value: '2026-12-02T00:00:00.000Z', changeId: 'c2', hlc: '0000000000200-00000-a' });
    expect(fields.get('updatedBy')?.value).toBe('Bo');
    expect(project(spec, [older]).fields.get('updatedBy')?.value).toBe('Al');
  });

  it('writes a change without the stamps its columns carry, and keeps any that differ from them', () => {
    const values = { status: 'done', updatedAt: '2026-12-02T00:00:00.000Z', updatedBy: 'Bo' };
    expect(JSON.parse(storedFields(values, '2026-12-02T00:00:00.000Z', 'Bo'))).toEqual({ status: 'done' });
    expect(JSON.parse(storedFields(values, '2026-12-03T00:00:00.000Z', 'Cy'))).toEqual(values);
    const row = { ...change('c1', '0000000000100-00000-a', {}), fields: storedFields(values, '2026-12-02T00:00:00.000Z', 'Bo'), created_at: '2026-12-02T00:00:00.000Z', actor: 'Bo' };
    expect(parseFields(row)).toEqual(values);
  });

  it('compares values the way SQLite returns them', () => {
    expect(sameValue(1, 1n)).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(null, '')).toBe(false);
  });

  it('the registry refuses one entity name for two tables', () => {
    const registry = new EntityRegistry();
    registry.register({ entity: 'x', table: 'xs', columns: {} });
    expect(() => registry.register({ entity: 'x', table: 'other', columns: {} })).toThrow(/declared twice/);
  });
});
