/**
 * `salvageFromFiles` (repair.ts) reads every row of a replica that is known to
 * be damaged, which is exactly the read that can make the engine abort the
 * process. Here it runs in the check child instead; if that process dies, the
 * salvage is "unreadable" (the files are still kept aside), not a crash of the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { integrityChildScript, nodeChildRunner, type ChildRunner } from '../db/child-runner.js';
import type { EntityRegistry } from '../changes/entity.js';
import type { ChangeLogExport } from './repair.js';

/** Salvage has its own 15 s timeouts per step inside the child; this bounds the whole process. */
const SALVAGE_CHILD_TIMEOUT_MS = 60_000;

export type Salvage = (replicaPath: string, scratchDir: string, registry: EntityRegistry, deviceId: string) => Promise<ChangeLogExport | null>;

export function salvageInChild(runChild: ChildRunner = nodeChildRunner, script: string = integrityChildScript()): Salvage {
  return async (replicaPath, scratchDir, registry, deviceId) => {
    fs.mkdirSync(scratchDir, { recursive: true });
    const outFile = path.join(scratchDir, 'salvaged-change-log.json');
    const tables = registry.names().map((entity) => ({ entity, table: registry.get(entity)!.table }));
    try {
      const outcome = await runChild(script, ['salvage', replicaPath, scratchDir, outFile, deviceId, JSON.stringify(tables)], SALVAGE_CHILD_TIMEOUT_MS);
      if (outcome.code !== 0 || !fs.existsSync(outFile)) return null;
      return JSON.parse(fs.readFileSync(outFile, 'utf8')) as ChangeLogExport;
    } catch {
      return null;
    } finally {
      fs.rmSync(outFile, { force: true });
    }
  };
}
