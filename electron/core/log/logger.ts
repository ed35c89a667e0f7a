/**
 * The logger core code uses: a small interface, so nothing in electron/core
 * depends on electron-log's Electron parts. Every entry is redacted before it
 * reaches a sink, and warnings and errors are kept in a small ring buffer for
 * "Copy diagnostics".
 */
import { describeErrorForLog, redactValue } from './redact.js';
import { maskSecrets, shortenMasked } from './secret-mask.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  /** Redacted details or error description (with a stack, for files only). */
  detail?: string;
}

export interface LogSink {
  write(entry: LogEntry): void;
}

export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, error?: unknown): void;
  /** Recent warnings and errors, oldest first, without stacks. */
  recentProblems(): LogEntry[];
  /** Masks this exact value in every later entry (for secrets no pattern would recognise, e.g. an opaque token). */
  protect(secret: string): void;
}

export interface LoggerOptions {
  sinks?: LogSink[];
  /** How many warnings and errors to keep in memory. */
  keep?: number;
  now?: () => Date;
}

function detailOf(details: unknown, withStack: boolean): string | undefined {
  if (details === undefined) return undefined;
  if (details instanceof Error || typeof details !== 'object' || details === null) return describeErrorForLog(details, withStack);
  try {
    return JSON.stringify(redactValue(details));
  } catch {
    return '[unserialisable]';
  }
}

export function createLogger({ sinks = [], keep = 50, now = () => new Date() }: LoggerOptions = {}): Logger {
  const ring: LogEntry[] = [];
  const secrets = new Set<string>();
  const mask = (text: string | undefined) => (text === undefined ? undefined : maskSecrets(text, [...secrets]));
  /** Secrets are masked before pattern redaction too, which could otherwise rewrite part of one and hide the rest from the mask. */
  const premask = (details: unknown): unknown => {
    if (secrets.size === 0) return details;
    if (typeof details === 'string') return mask(details);
    if (!(details instanceof Error)) return details;
    const copy = new Error(mask(details.message));
    copy.name = details.name;
    copy.stack = mask(details.stack);
    return copy;
  };
  const log = (level: LogLevel, message: string, details: unknown) => {
    const at = now().toISOString();
    const text = shortenMasked(message, 2_000, [...secrets]);
    const masked = premask(details);
    const full: LogEntry = { at, level, message: text, detail: mask(detailOf(masked, true)) };
    if (level !== 'info') {
      ring.push({ at, level, message: text, detail: mask(detailOf(masked, false)) });
      if (ring.length > keep) ring.shift();
    }
    for (const sink of sinks) {
      try {
        sink.write(full);
      } catch {
        // A full disk must not take the app down with it; the ring buffer still has the entry.
      }
    }
  };
  return {
    info: (message, details) => log('info', message, details),
    warn: (message, details) => log('warn', message, details),
    error: (message, error) => log('error', message, error),
    recentProblems: () => ring.map((entry) => ({ ...entry })),
    protect: (secret) => {
      // Short values would mask ordinary words.
      if (secret.length >= 8) secrets.add(secret);
    },
  };
}
