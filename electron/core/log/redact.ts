/**
 * Strips secrets and personal data from anything about to be logged or put in
 * a diagnostics report. Logs may leave the machine (support tickets), so they
 * keep ids, codes and counts, never tokens or what workers typed.
 */
import os from 'node:os';

export const REDACTED = '[redacted]';
export const PERSONAL = '[personal]';

/** Keys whose values are secrets, whatever their shape. */
const SECRET_KEY = /(auth[_-]?token|access[_-]?token|refresh[_-]?token|^token$|password|passwd|secret|authorization|api[_-]?key|cookie|token[_-]?cipher)/i;
/** Keys whose values are what people typed or who they are. */
const PERSONAL_KEY = /^(title|description|notes?|body|text|assignee|profile[_-]?name|actor|name|email|phone|address|created[_-]?by|updated[_-]?by|fields)$/i;

const TEXT_RULES: [RegExp, string][] = [
  // Authorization headers and bearer tokens.
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/(authorization["']?\s*[:=]\s*["']?)[^"',;\s]+/gi, `$1${REDACTED}`],
  // JWTs (Turso tokens are JWTs) wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Credentials inside URLs: scheme://user:pass@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(:[^\s/@]*)?@/gi, `$1${REDACTED}@`],
  // Secret-looking query parameters and key=value pairs.
  [/([?&;\s"']|^)(auth[_-]?token|access[_-]?token|token|password|secret|api[_-]?key|jwt)(["']?\s*[=:]\s*["']?)[^&\s"',;]+/gi, `$1$2$3${REDACTED}`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  // Home directories name the user.
  const home = os.homedir();
  if (home && home.length > 1) out = out.split(home).join('~');
  return out;
}

/** Deep copy with secret keys masked, personal keys blanked and every string passed through redactText. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) out[key] = v === null || v === undefined ? v : REDACTED;
      else if (PERSONAL_KEY.test(key)) out[key] = v === null || v === undefined ? v : PERSONAL;
      else out[key] = redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** One line describing an error: name, message and (for files only) a redacted stack. */
export function describeErrorForLog(error: unknown, withStack: boolean): string {
  if (error instanceof Error) {
    const head = `${error.name}: ${error.message}`;
    const stack = withStack && error.stack ? `\n${error.stack.split('\n').slice(1, 8).join('\n')}` : '';
    return redactText(head + stack);
  }
  if (typeof error === 'string') return redactText(error);
  try {
    return redactText(JSON.stringify(redactValue(error)));
  } catch {
    return String(error);
  }
}
