/**
 * Lets timers, IPC and rendering work run between slices of a long task. In
 * Electron the main process's event loop serves every window: a task that
 * holds it freezes the whole app.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
