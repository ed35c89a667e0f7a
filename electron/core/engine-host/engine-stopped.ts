/**
 * What main's calls fail with when the engine host process ends under them.
 * An abort (a Rust panic, SIGABRT) means the engine met pages it could not
 * read: its wording matches corruption-error.ts, so the sync loop and the core
 * treat it as damage (Repair). A kill or a hang is not damage: the host is
 * started again for the next request.
 */
import { AppError } from '../../../shared/errors.js';
import type { HostExit } from './channel.js';

export type StopKind = 'aborted' | 'stopped' | 'hung' | 'gave-up';

export class EngineStoppedError extends AppError {
  constructor(
    readonly kind: StopKind,
    message: string,
    readonly exit: HostExit | null,
  ) {
    super('STORAGE_FAILED', message);
    this.name = 'EngineStoppedError';
  }

  /** True when the files are suspect (an abort, or a host that keeps dying): offer Repair. */
  get meansDamage(): boolean {
    return this.kind === 'aborted' || this.kind === 'gave-up';
  }
}

/** A Rust panic ("thread '…' panicked at core/storage/pager.rs:…:\nindex out of bounds: …"), or V8's fatal error line. */
export function panicText(stderr: string): string | null {
  const lines = stderr.split('\n');
  const at = lines.findIndex((line) => /panicked at|Fatal JavaScript|fatal runtime error/.test(line));
  if (at < 0) return null;
  return lines
    .slice(at, at + 2)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

function how(exit: HostExit): string {
  return exit.signal ? `ended by ${exit.signal}` : `exit code ${exit.code}`;
}

export function stoppedError(exit: HostExit, stderr: string, hungAfterMs: number | null): EngineStoppedError {
  if (hungAfterMs !== null) {
    return new EngineStoppedError(
      'hung',
      `The database engine did not answer within ${Math.round(hungAfterMs / 1000)} s and was stopped; it starts again for the next request. Try again.`,
      exit,
    );
  }
  const panic = panicText(stderr);
  // 134 = 128 + SIGABRT, as a shell or Electron's utility process reports an abort.
  if (panic || exit.signal === 'SIGABRT' || exit.code === 134) {
    return new EngineStoppedError(
      'aborted',
      `The database engine aborted while reading this laptop's copy of the workspace (${panic ?? how(exit)}). ` +
        'Fieldbook kept running; use "Repair" on the Sync screen to rebuild the copy from the primary.',
      exit,
    );
  }
  return new EngineStoppedError(
    'stopped',
    `The database engine stopped unexpectedly (${how(exit)}); it starts again for the next request. Try again.`,
    exit,
  );
}

export function gaveUpError(deaths: number, last: EngineStoppedError): EngineStoppedError {
  return new EngineStoppedError(
    'gave-up',
    `The database engine kept stopping (${deaths} times in a row; last: ${last.message}) and is not started again. ` +
      'Use "Repair" on the Sync screen to rebuild this laptop\'s copy of the workspace.',
    last.exit,
  );
}
