import { describe, expect, it } from 'vitest';
import { dueState, todayIso } from '../../renderer/src/format.js';

describe('due-date emphasis', () => {
  const today = todayIso();
  const shift = (days: number) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    return todayIso(d);
  };

  it('flags overdue and due-today open jobs, and nothing for done or undated ones', () => {
    expect(dueState(shift(-1), false)).toBe('overdue');
    expect(dueState(today, false)).toBe('today');
    expect(dueState(shift(1), false)).toBeNull();
    expect(dueState(shift(-1), true)).toBeNull();
    expect(dueState(null, false)).toBeNull();
  });

  it('uses the local calendar day, not the UTC one', () => {
    const lateEvening = new Date(2026, 0, 31, 23, 30);
    expect(todayIso(lateEvening)).toBe('2026-01-31');
  });
});
