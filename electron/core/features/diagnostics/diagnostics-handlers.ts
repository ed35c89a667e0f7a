/**
 * "Copy diagnostics": everything support needs to understand a problem
 * (versions, sync state, file sizes, recent errors) and nothing it must not
 * see (the token, the primary URL, what workers typed, who they are).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { DiagnosticsReport } from '../../../../shared/domain/diagnostics.js';
import type { Db } from '../../db/database.js';
import { schemaVersion } from '../../db/migrate.js';
import type { Logger } from '../../log/logger.js';
import { redactText } from '../../log/redact.js';
import { maskSecretsDeep } from '../../log/secret-mask.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SecretBox } from '../../settings/secret-box.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import type { SyncService } from '../../sync/sync-service.js';

export interface DiagnosticsDeps {
  appVersion: string;
  db: Db;
  replicaPath: string;
  latestSchemaVersion: number;
  settings: SettingsStore;
  secrets: SecretBox;
  sync: SyncService;
  logger: Logger;
  defaultUrl: string | null;
  now?: () => Date;
}

const ENGINE_PACKAGES = ['@tursodatabase/sync', '@tursodatabase/database-common', '@tursodatabase/sync-common'];

/** Installed version of a package, found from its entry point because `exports` hides package.json. */
async function packageVersion(name: string): Promise<string> {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = path.dirname(dir);
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

async function replicaFiles(replicaPath: string): Promise<{ name: string; bytes: number }[]> {
  const dir = path.dirname(replicaPath);
  const base = path.basename(replicaPath);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    names
      .filter((name) => name.startsWith(base))
      .sort()
      .map(async (name) => ({ name, bytes: (await fs.stat(path.join(dir, name)).catch(() => ({ size: -1 }))).size })),
  );
  return files;
}

/** The data folder as support needs it, without the account name a home path carries. */
export function displayFolder(dir: string, home: string = os.homedir()): string {
  if (!home) return dir;
  const relative = path.relative(home, dir);
  if (relative === '') return '~';
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return dir;
  return path.join('~', relative);
}

export async function collectDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  const { settings, secrets, sync } = deps;
  const status = sync.status;
  const packages: Record<string, string> = {};
  for (const name of ENGINE_PACKAGES) packages[name] = await packageVersion(name);
  return {
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    app: {
      version: deps.appVersion,
      platform: process.platform,
      arch: process.arch,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      node: process.versions.node,
    },
    engine: { packages, schemaVersion: await schemaVersion(deps.db), latestSchemaVersion: deps.latestSchemaVersion },
    sync: {
      state: status.state,
      pendingChanges: status.pendingChanges,
      lastPushAt: status.lastPushAt,
      lastPullAt: status.lastPullAt,
      lastError: status.lastError === null ? null : redactText(status.lastError),
      primaryConfigured: (settings.current.connection.url ?? deps.defaultUrl) !== null,
      tokenStored: settings.current.connection.tokenCipher !== null,
      clockOffsetMs: status.clockOffsetMs,
      clockWarning: status.clockWarning,
    },
    storage: {
      secureStorage: secrets.isSecure,
      backend: secrets.backend,
      dataFolder: displayFolder(settings.dataDir),
      replicaFiles: await replicaFiles(deps.replicaPath),
    },
    ids: { deviceId: settings.current.deviceId, workspaceId: settings.current.currentWorkspaceId },
    recentProblems: deps.logger.recentProblems().map(({ at, level, message, detail }) => ({ at, level, message, detail })),
  };
}

/**
 * Last line of defence: the token by value (and any start of it a cut left),
 * in every string of the report, wherever a server or engine message may have quoted it.
 */
function withoutToken(report: DiagnosticsReport, settings: SettingsStore): DiagnosticsReport {
  let token: string | null = null;
  try {
    token = settings.readToken();
  } catch {
    return report; // undecryptable: then it cannot have been sent anywhere either
  }
  return token ? maskSecretsDeep(report, [token]) : report;
}

export function diagnosticsHandlers(deps: DiagnosticsDeps): FeatureHandlers {
  return { 'diagnostics.collect': async () => withoutToken(await collectDiagnostics(deps), deps.settings) };
}
