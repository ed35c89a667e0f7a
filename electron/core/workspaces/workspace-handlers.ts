/**
 * The workspace list handlers. Every Core of a WorkspaceManager carries them
 * in its table, so whichever workspace is open answers for all of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_WORKSPACE_NAME } from '../../../shared/contract/workspace.js';
import type { SampleDataResult } from '../../../shared/domain/profile.js';
import type { WorkspaceExportResult } from '../../../shared/domain/workspace.js';
import { AppError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { FeatureHandlers } from '../rpc/handlers.js';
import { BACKUP_SUFFIX, exportWorkspace, importBackup } from './workspace-backup.js';
import type { WorkspaceControl } from './workspace-manager.js';

/** `<data>/backups/`: where exports are written and imports are read (the renderer never names a path). */
export function backupsDir(control: WorkspaceControl): string {
  return path.join(control.settings.dataDir, 'backups');
}

function backupName(workspaceName: string, at: Date): string {
  const safe = workspaceName.replace(/[^\w() -]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workspace';
  return `${safe} ${at.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
}

/** "Harbour (restored)", then "(restored 2)" …: a restore never fails on a name the user did not choose. */
function freeName(control: WorkspaceControl, original: string): string {
  const taken = new Set(control.settings.current.workspaces.map((w) => w.name.trim().toLocaleLowerCase()));
  const base = original.slice(0, MAX_WORKSPACE_NAME - ' (restored 99)'.length).trim() || 'Workspace';
  for (let n = 1; ; n++) {
    const candidate = `${base} (restored${n === 1 ? '' : ` ${n}`})`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

export function workspaceManagementHandlers(control: WorkspaceControl): FeatureHandlers {
  return {
    'workspace.list': () => control.list(),
    'workspace.create': ({ name }) => control.create(name),
    'workspace.rename': async ({ id, name }) => control.rename(id, name),
    'workspace.switch': ({ id }) => control.switchTo(id),
    'workspace.remove': async ({ id }) => {
      await control.remove(id);
      return { removed: id };
    },
    'workspace.openDemo': async (): Promise<SampleDataResult | null> => {
      await control.switchTo(control.demoId());
      const core = await control.coreOf(control.demoId());
      const any = await core.replica.db.get('SELECT 1 AS x FROM jobs LIMIT 1');
      if (any) return null;
      const result = await core.dispatch('workspace.loadSampleData', {});
      if (!result.ok) throw new AppError(result.error.code, result.error.message);
      return result.value as SampleDataResult;
    },
    'workspace.export': async ({ id }): Promise<WorkspaceExportResult> => {
      const workspaceId = id ?? control.settings.current.currentWorkspaceId;
      const entry = control.settings.current.workspaces.find((w) => w.id === workspaceId);
      if (!entry) throw new AppError('NOT_FOUND', 'That workspace is not on this laptop (it may have been removed).', 'id');
      const wasOpen = (await control.list()).some((w) => w.id === workspaceId && w.open);
      const core = await control.coreOf(workspaceId);
      try {
        const file = path.join(backupsDir(control), backupName(entry.name, new Date()));
        const result = await exportWorkspace(core, file, { name: entry.name, kind: entry.kind });
        control.noteExported(workspaceId, result.journal);
        return { file: result.file, bytes: result.bytes, counts: result.counts, unpushedEdits: result.journal.count };
      } finally {
        if (!wasOpen) await control.releaseIfIdle(workspaceId);
      }
    },
    'workspace.backups': async () => {
      const dir = backupsDir(control);
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(BACKUP_SUFFIX))
        .map((file) => {
          const stat = fs.statSync(path.join(dir, file));
          return { file, bytes: stat.size, modifiedAt: stat.mtime.toISOString() };
        })
        .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    },
    'workspace.import': async ({ file, name }) => {
      const source = path.join(backupsDir(control), path.basename(file));
      if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `There is no backup named “${file}” in ${backupsDir(control)}.`, 'file');
      const id = uuidv7();
      const manifest = await importBackup(source, control.settings.workspaceDir(id));
      try {
        return control.adopt(id, name ?? freeName(control, manifest.workspace.name));
      } catch (error) {
        fs.rmSync(control.settings.workspaceDir(id), { recursive: true, force: true });
        throw error;
      }
    },
  };
}
