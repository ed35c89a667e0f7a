/**
 * Settings a developer may override through the environment (`npm start`
 * points the app at its local primary this way). A packaged build ignores
 * them all: its behaviour must not depend on variables whoever launches it
 * can set (e.g. a primary URL that would send the workspace elsewhere).
 */
export interface DevOverrides {
  /** Primary used while Settings name none. */
  primaryUrl: string | null;
  /** Variables that were set but ignored because the build is packaged (for the log). */
  ignored: string[];
}

export const DEV_OVERRIDE_VARS = ['FIELDBOOK_PRIMARY_URL'] as const;

const PRIMARY_URL = /^(https?|libsql):\/\/\S+$/;

export function devOverrides(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): DevOverrides {
  const set = DEV_OVERRIDE_VARS.filter((name) => (env[name] ?? '').trim() !== '');
  if (isPackaged) return { primaryUrl: null, ignored: [...set] };
  const url = env.FIELDBOOK_PRIMARY_URL?.trim() || null;
  if (url !== null && !PRIMARY_URL.test(url)) {
    throw new Error(`FIELDBOOK_PRIMARY_URL must be an http(s):// or libsql:// URL, got ${JSON.stringify(url)}`);
  }
  return { primaryUrl: url, ignored: [] };
}
