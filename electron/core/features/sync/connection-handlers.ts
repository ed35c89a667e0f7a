import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { testConnection } from '../../sync/connection-test.js';

/** "Test connection" in Settings; the saved token is used in main and never returned. */
export function connectionTestHandlers(settings: SettingsStore, defaultUrl: string | null): FeatureHandlers {
  return {
    'settings.testConnection': async (input) => {
      const url = input.url ?? settings.current.connection.url ?? defaultUrl;
      if (!url) return { ok: false, latencyMs: null, message: 'No primary URL is set. Enter the URL of your Turso database first.' };
      const token = input.authToken ?? settings.readToken();
      return testConnection(url, token);
    },
  };
}
