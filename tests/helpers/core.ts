import { afterEach } from 'vitest';
import { startCore, type Core, type CoreOptions } from '../../electron/core/app-core.js';
import type { Logger } from '../../electron/core/log/logger.js';
import { UnprotectedSecretBox, type SecretBox } from '../../electron/core/settings/secret-box.js';
import type { SyncTimings } from '../../electron/core/sync/sync-service.js';
import { tempDir } from './temp-dir.js';

const open: Core[] = [];

/** A real core (replica file, migrations, sync loop) in a temp data dir; closed after the test. */
export async function startTestCore(
  options: {
    dataDir?: string;
    primaryUrl?: string | null;
    clockNow?: () => number;
    syncTimings?: Partial<SyncTimings>;
    secrets?: SecretBox;
    logger?: Logger;
    onReconciled?: CoreOptions['onReconciled'];
    photos?: CoreOptions['photos'];
    saveTarget?: CoreOptions['saveTarget'];
    reportMedia?: CoreOptions['reportMedia'];
  } = {},
): Promise<Core> {
  const core = await startCore({
    dataDir: options.dataDir ?? tempDir('fieldbook-data-'),
    appVersion: '0.0.0-test',
    secrets: options.secrets ?? new UnprotectedSecretBox(),
    logger: options.logger,
    defaultPrimaryUrl: options.primaryUrl ?? null,
    syncTimings: {
      pollMs: 300,
      debounceMs: 50,
      offline: { baseMs: 200, maxMs: 500 },
      failing: { baseMs: 200, maxMs: 500 },
      ...options.syncTimings,
    },
    clockNow: options.clockNow,
    onReconciled: options.onReconciled,
    photos: options.photos,
    saveTarget: options.saveTarget,
    reportMedia: options.reportMedia,
  });
  open.push(core);
  return core;
}

export async function closeCore(core: Core): Promise<void> {
  const index = open.indexOf(core);
  if (index >= 0) open.splice(index, 1);
  await core.close();
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

/** Call a handler and unwrap the result, failing loudly on an error answer. */
export async function invoke<T = unknown>(core: Pick<Core, 'dispatch'>, name: string, input: unknown = {}): Promise<T> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * Laptops on one primary, each with a profile name, that have all pushed their
 * schema once, as they would on their first sync.
 */
export async function startTeam(primaryUrl: string, names: readonly string[]): Promise<Core[]> {
  const laptops: Core[] = [];
  for (const name of names) {
    const core = await startTestCore({ primaryUrl });
    await invoke(core, 'profile.set', { name });
    laptops.push(core);
  }
  for (const core of laptops) await invoke(core, 'sync.now');
  return laptops;
}
