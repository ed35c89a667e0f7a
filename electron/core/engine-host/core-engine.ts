/**
 * How the core picks where the engine runs. By default in a supervised host
 * process (a Rust panic on a corrupt page then ends that process, not the
 * app); an abort, or a host that keeps dying, is reported as damage so the
 * sync status offers Repair. 'in-process' is the old way (some tests and the
 * benchmark's raw figures).
 */
import type { EngineConnector } from '../db/replica.js';
import type { EngineSpawner } from './channel.js';
import { engineHostConnector } from './hosted-engine.js';
import type { SpareHost } from './spare-host.js';

/** `spare`: hosts started ahead of time with the same spawner and script (the WorkspaceManager keeps one). */
export type EngineChoice = 'in-process' | { spawn: EngineSpawner; script?: string; spare?: SpareHost };

export interface EngineEvents {
  log: (message: string, error: unknown) => void;
  reportDamage: (error: unknown) => void;
}

export function engineFor(choice: EngineChoice | undefined, events: EngineEvents): EngineConnector | undefined {
  if (choice === 'in-process') return undefined;
  return engineHostConnector({
    ...(choice ? { spawn: choice.spawn, script: choice.script, spare: choice.spare } : {}),
    onStopped: (error) => {
      events.log('the database engine process stopped', error);
      if (error.meansDamage) events.reportDamage(error);
    },
  });
}
