/** Opening a bench workspace the way the app does: a real core, no primary unless given. */
import { startCore, type Core, type CoreOptions } from '../../electron/core/app-core.js';
import type { SyncTimings } from '../../electron/core/sync/sync-service.js';
import { UnprotectedSecretBox } from '../../electron/core/settings/secret-box.js';

/** The engine runs in its host process, as in the app, unless `engine` says 'in-process'. */
export function openCore(dataDir: string, primaryUrl: string | null = null, syncTimings?: Partial<SyncTimings>, engine?: CoreOptions['engine']): Promise<Core> {
  return startCore({
    ...(engine ? { engine } : {}),
    dataDir,
    appVersion: '0.0.0-bench',
    secrets: new UnprotectedSecretBox(),
    defaultPrimaryUrl: primaryUrl,
    ...(syncTimings ? { syncTimings } : {}),
  });
}

/** Why a case cannot run yet, or null when the handler answered. */
export type Availability = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Calls a handler once. A handler that is not in this build, or a contract that
 * does not accept the input yet, makes the case "skipped" with the reason shown;
 * any other error means the benchmark itself is broken.
 */
export async function probeHandler(core: Core, name: string, input: unknown): Promise<Availability> {
  const result = await core.dispatch(name, input);
  if (result.ok) return { ok: true, value: result.value };
  if (result.error.code === 'UNKNOWN_HANDLER') return { ok: false, reason: `handler missing (${name})` };
  if (result.error.code === 'INVALID_INPUT') return { ok: false, reason: `contract does not accept this input yet: ${result.error.message}` };
  throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
}

/** Calls a handler and unwraps the value; an error answer aborts the benchmark. */
export async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
