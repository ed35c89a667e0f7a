/**
 * The first module of the main process (package.json `main`), built on its
 * own. In the ESM bundle of main.ts every external import (`electron`, the
 * native Turso engine) is hoisted and evaluated before any bundled code, so
 * whatever must happen before the engine loads has to happen here, and only
 * then is main.js imported.
 */
import { restrictUmask } from '../core/fs/private-files.js';
import { removeCodeLoadingEnv } from './env-back-doors.js';

removeCodeLoadingEnv(process.env);
// Everything the process creates from now on (Chromium's files in userData included) is private to the user.
restrictUmask();
// Awaited at top level: Electron waits for it before `ready`, so main.js still registers its scheme in time.
await import('./main.js');
