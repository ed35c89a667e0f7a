import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7 } from '../../shared/ids.js';

describe('uuidv7', () => {
  it('is a version-7 RFC 4122 UUID that sorts by creation time', () => {
    const early = uuidv7(1_700_000_000_000);
    const late = uuidv7(1_700_000_000_001);
    expect(early).toMatch(UUID_PATTERN);
    expect(early[14]).toBe('7');
    expect('89ab').toContain(early[19]);
    expect(early < late).toBe(true);
    expect(early.slice(0, 13).replace('-', '')).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
  });

  it('does not collide within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
