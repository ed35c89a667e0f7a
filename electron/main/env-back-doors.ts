/**
 * Environment variables that make a dependency load code from a path of the
 * caller's choosing. The Electron fuses shut `ELECTRON_RUN_AS_NODE` and
 * `NODE_OPTIONS`, but the Turso engine's napi-rs loader (`@tursodatabase/sync`
 * index.js) `require`s whatever `NAPI_RS_NATIVE_LIBRARY_PATH` names, as soon as
 * the package is imported: anyone who can set the environment of a signed
 * Fieldbook could run their own library inside it. Removed before anything
 * imports the engine (see entry.ts).
 */
export const CODE_LOADING_ENV_VARS = ['NAPI_RS_NATIVE_LIBRARY_PATH'] as const;

/** Deletes every variable of CODE_LOADING_ENV_VARS from `env`; returns the names that were set. */
export function removeCodeLoadingEnv(env: Record<string, string | undefined>): string[] {
  const removed: string[] = [];
  for (const name of CODE_LOADING_ENV_VARS) {
    if (env[name] !== undefined) removed.push(name);
    delete env[name];
  }
  return removed;
}
