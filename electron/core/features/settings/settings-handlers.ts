import { AppError } from '../../../../shared/errors.js';
import type { ConnectionSettings } from '../../../../shared/domain/workspace.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';
import type { SecretBox } from '../../settings/secret-box.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { sameOrigin } from '../../settings/token-scope.js';

export interface SettingsDeps {
  settings: SettingsStore;
  secrets: SecretBox;
  /** The URL sync uses when none is saved (the local primary `npm start` runs). */
  defaultUrl: string | null;
  onConnectionChanged: () => void;
  /** The demo workspace: no connection may be set, so its sample data reaches no database. */
  localOnly?: boolean;
}

export function connectionView(deps: SettingsDeps): ConnectionSettings {
  const { settings, secrets, defaultUrl } = deps;
  const { connection } = settings.current;
  return {
    url: connection.url ?? defaultUrl,
    hasToken: connection.tokenCipher !== null,
    secureStorage: secrets.isSecure,
    ...(deps.localOnly ? { localOnly: true } : {}),
  };
}

export function settingsHandlers(deps: SettingsDeps): FeatureHandlers {
  return {
    'settings.getConnection': async () => connectionView(deps),
    'settings.setConnection': async (input) => {
      if (deps.localOnly) {
        throw new AppError(
          'CONFLICT',
          'The Demo workspace never syncs, so no team database receives its sample data. Create a workspace for your team and set its connection there.',
          'url',
        );
      }
      // Refuse before changing anything, so the form can ask the user and resend the same call.
      if (typeof input.authToken === 'string' && !deps.secrets.isSecure && input.allowPlainTextToken !== true) {
        throw new AppError(
          'TOKEN_STORAGE_INSECURE',
          `This computer offers no secure storage for the token (${deps.secrets.backend}); it would be saved in plain text. ` +
            'Ask the user to confirm, then send allowPlainTextToken: true.',
        );
      }
      // The stored token belongs to the server it was saved for: a URL on another origin drops it.
      const before = deps.settings.current.connection.url ?? deps.defaultUrl;
      const keepsServer = sameOrigin(before, input.url ?? deps.defaultUrl);
      deps.settings.setConnection(input.url, input.authToken !== undefined ? input.authToken : keepsServer ? undefined : null);
      deps.onConnectionChanged();
      return connectionView(deps);
    },
  };
}
