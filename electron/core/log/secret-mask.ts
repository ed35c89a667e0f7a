/**
 * Masks known secret values (the live auth token) by value, for tokens no
 * pattern in redact.ts would recognise. Text must be masked before it is
 * shortened: a cut through the token leaves a piece the exact value no longer
 * matches. A piece someone else cut off (a server or the engine truncating a
 * reply) is caught too: any start of the token of MIN_PIECE or more characters.
 */
import { REDACTED, redactText } from './redact.js';

/** Shorter secrets would mask ordinary words; shorter pieces are too little to help a guess. */
export const MIN_PIECE = 4;

export type Secrets = readonly (string | null | undefined)[];

function maskOne(text: string, secret: string): string {
  const whole = text.split(secret).join(REDACTED);
  const start = secret.slice(0, MIN_PIECE);
  let out = '';
  let from = 0;
  for (let at = whole.indexOf(start); at >= 0; at = whole.indexOf(start, from)) {
    let length = MIN_PIECE;
    while (length < secret.length && whole[at + length] === secret[length]) length += 1;
    out += whole.slice(from, at) + REDACTED;
    from = at + length;
  }
  return out + whole.slice(from);
}

export function maskSecrets(text: string, secrets: Secrets): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= MIN_PIECE) out = maskOne(out, secret);
  return out;
}

/** The one safe way to shorten an error text: mask the secrets, redact patterns, then cut to `max` characters. */
export function shortenMasked(text: string, max: number, secrets: Secrets): string {
  return redactText(maskSecrets(text, secrets)).slice(0, max);
}

/** A deep copy with every string masked (objects from JSON: plain values, arrays, records). */
export function maskSecretsDeep<T>(value: T, secrets: Secrets): T {
  if (typeof value === 'string') return maskSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskSecretsDeep(item, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskSecretsDeep(item, secrets);
    return out as T;
  }
  return value;
}
