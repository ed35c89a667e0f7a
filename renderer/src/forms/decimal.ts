/**
 * Measurements as a worker types them: a decimal number with "." or "," as the
 * decimal separator ("3.5", "3,5", "-0,25", ".5"). Refused, with a reason:
 * hexadecimal ("0x1F") and exponents ("1e3"), which JavaScript's Number() would
 * quietly accept as 31 and 1000 although no one means that on a checklist;
 * thousands separators; and "1,234" where the locale groups thousands with ","
 * (is it 1234 or 1.234?). Empty text means "no measurement".
 */
export type DecimalResult = { ok: true; value: number | null } | { ok: false; error: string };

const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
/** More digits than a double keeps exactly. */
const MAX_DIGITS = 15;

function groupSeparator(locale: string | undefined): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1000).find((part) => part.type === 'group')?.value ?? '';
  } catch {
    return '';
  }
}

export function parseDecimal(input: string, locale?: string): DecimalResult {
  const text = input.trim().replace(/^\u2212/, '-');
  if (text === '') return { ok: true, value: null };
  const example = 'e.g. 3.5 or 3,5';
  if (/^[+-]?0[xob]/i.test(text)) {
    return { ok: false, error: `“${input.trim()}” is not a decimal number. Enter digits with one decimal separator, ${example}.` };
  }
  if (/^[+-]?[\d.,]+e[+-]?\d+$/i.test(text)) {
    return { ok: false, error: `Exponents such as “${input.trim()}” are not accepted. Write the number out, e.g. 1000.` };
  }
  if (!DECIMAL.test(text)) {
    return { ok: false, error: `Enter a number with at most one decimal separator and no spaces or thousands separators, ${example}.` };
  }
  const group = groupSeparator(locale);
  if ((group === ',' || group === '.') && new RegExp(`^[+-]?\\d{1,3}\\${group}\\d{3}$`).test(text)) {
    const whole = text.replace(group, '');
    const fraction = text.replace(group, '.');
    return { ok: false, error: `Is “${text}” ${whole} or ${fraction}? Write it without a thousands separator: ${whole} or ${fraction}.` };
  }
  if (text.replace(/\D/g, '').replace(/^0+(?=\d)/, '').length > MAX_DIGITS) {
    return { ok: false, error: `That number has more than ${MAX_DIGITS} digits; round it.` };
  }
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, error: `Enter a number, ${example}.` };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
