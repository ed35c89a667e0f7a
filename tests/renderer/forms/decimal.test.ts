import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../renderer/src/forms/decimal.js';

const value = (text: string, locale = 'en-US') => {
  const result = parseDecimal(text, locale);
  return result.ok ? result.value : `refused: ${result.error}`;
};

describe('measurements as typed', () => {
  it('reads either decimal separator', () => {
    expect(value('3,5')).toBe(3.5);
    expect(value('3.5')).toBe(3.5);
    expect(value(' -0,25 ')).toBe(-0.25);
    expect(value('.5')).toBe(0.5);
    expect(value('41')).toBe(41);
    expect(value('3,5', 'de-DE')).toBe(3.5);
    expect(value('−2.5')).toBe(-2.5);
    expect(value('-0')).toBe(0);
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
  });

  it('refuses what Number() would quietly misread, saying why', () => {
    expect(value('0x1F')).toMatch(/refused: “0x1F” is not a decimal number/);
    expect(value('0b101')).toMatch(/not a decimal number/);
    expect(value('1e3')).toMatch(/refused: Exponents such as “1e3” are not accepted/);
    expect(value('2.5E-3')).toMatch(/Exponents/);
    expect(value('Infinity')).toMatch(/^refused/);
    expect(value('3,5,1')).toMatch(/at most one decimal separator/);
    expect(value('1 000')).toMatch(/no spaces or thousands separators/);
    expect(value('12 mm')).toMatch(/^refused/);
    expect(value('1234567890123456')).toMatch(/more than 15 digits/);
  });

  it('asks instead of guessing when the separator may group thousands in this locale', () => {
    expect(value('1,234')).toMatch(/Is “1,234” 1234 or 1.234\?/);
    expect(value('1.234', 'de-DE')).toMatch(/Is “1.234” 1234 or 1.234\?/);
    expect(value('1.234')).toBe(1.234);
    expect(value('1,23')).toBe(1.23);
  });
});
