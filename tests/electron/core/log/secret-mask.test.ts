import { describe, expect, it } from 'vitest';
import { maskSecrets, maskSecretsDeep, shortenMasked } from '../../../../electron/core/log/secret-mask.js';
import { describeSyncError } from '../../../../electron/core/sync/describe-error.js';

const TOKEN = 'op4que_Tk9vXw2Lr8Qs5Zn1Hm7Bc3Dy';
const pieces = (text: string) =>
  Array.from({ length: TOKEN.length - 3 }, (_, i) => TOKEN.slice(0, i + 4)).filter((piece) => text.includes(piece));

describe('masking a secret by value', () => {
  it('masks every copy, and any start of it that someone else cut off', () => {
    expect(maskSecrets(`a ${TOKEN} b ${TOKEN}`, [TOKEN])).toBe('a [redacted] b [redacted]');
    expect(maskSecrets(`reply: "${TOKEN.slice(0, 11)}…"`, [TOKEN])).toBe('reply: "[redacted]…"');
    expect(maskSecrets(`${TOKEN}${TOKEN.slice(0, 6)}`, [TOKEN])).toBe('[redacted][redacted]');
    // Fewer than four characters are no help to a guess and would mask ordinary text.
    expect(maskSecrets('op4 stays', [TOKEN])).toBe('op4 stays');
    expect(maskSecrets('abc', ['abc', null, undefined])).toBe('abc');
  });

  it('shortens only after masking, wherever the cut falls', () => {
    for (let offset = 0; offset < TOKEN.length + 2; offset++) {
      const text = `${'x'.repeat(offset)}${TOKEN.repeat(3)}`;
      for (const max of [10, 20, 33, 50]) expect(pieces(shortenMasked(text, max, [TOKEN])), `offset ${offset} max ${max}`).toEqual([]);
    }
  });

  it('describeSyncError masks the token before cutting its text at 300 characters', () => {
    for (let offset = 270; offset < 300; offset++) {
      const message = describeSyncError(new Error(`${'e'.repeat(offset)}${TOKEN} tail`), [TOKEN]);
      expect(message.length).toBeLessThan(400);
      expect(pieces(message), `token at ${offset}`).toEqual([]);
    }
  });

  it('masks every string of a nested report, whatever JSON would escape', () => {
    const quoted = 'tok"en\\with\'quotes';
    const report = { a: [`x ${quoted}`], b: { c: quoted, n: 3, z: null } };
    expect(maskSecretsDeep(report, [quoted])).toEqual({ a: ['x [redacted]'], b: { c: '[redacted]', n: 3, z: null } });
  });
});
