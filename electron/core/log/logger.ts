/**
 * The logger core code uses: a small interface, so nothing in electron/core
 * depends on electron-log's Electron parts. Every entry is redacted before it
 * reaches a sink, and warnings and errors are kept in a small ring buffer for
 * "Copy diagnostics".
 */
import { describeErrorForLog, REDACTED, redactText, redactValue } from './redact.js';

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
  const mask = (text: string | undefined) => {
    if (text === undefined) return undefined;
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  };
  const log = (level: LogLevel, message: string, details: unknown) => {
    const at = now().toISOString();
    const text = mask(redactText(message))!.slice(0, 2_000);
    const full: LogEntry = { at, level, message: text, detail: mask(detailOf(details, true)) };
    if (level !== 'info') {
      ring.push({ at, level, message: text, detail: mask(detailOf(details, false)) });
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
