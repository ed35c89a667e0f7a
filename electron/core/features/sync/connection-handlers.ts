import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { mayCarryToken, sameOrigin } from '../../settings/token-scope.js';
import { testConnection } from '../../sync/connection-test.js';

/**
 * "Test connection" in Settings. The saved token is used in main, never
 * returned, and sent only to the saved URL's origin: any caller may name a
 * URL, so testing another server needs the token given in the same call.
 */
export function connectionTestHandlers(settings: SettingsStore, defaultUrl: string | null): FeatureHandlers {
  return {
    'settings.testConnection': async (input) => {
      const savedUrl = settings.current.connection.url ?? defaultUrl;
      const url = input.url ?? savedUrl;
      if (!url) return { ok: false, latencyMs: null, message: 'No primary URL is set. Enter the URL of your Turso database first.' };
      if (input.authToken) return testConnection(url, input.authToken);
      const hasSavedToken = settings.current.connection.tokenCipher !== null;
      if (!hasSavedToken || (savedUrl !== null && sameOrigin(url, savedUrl) && mayCarryToken(url))) {
        return testConnection(url, settings.readToken());
      }
      const result = await testConnection(url, null);
      const why =
        savedUrl !== null && sameOrigin(url, savedUrl)
          ? 'the saved address uses plain http:// to another computer, so the token is not sent over it'
          : `the saved token is sent only to ${savedUrl ?? 'the address it was saved with'}`;
      return { ...result, message: `${result.message} Tested without a token: ${why}. Type the token for this address to test with it.` };
    },
  };
}
