import { z } from 'zod';
import type { SampleDataResult } from '../domain/profile.js';
import type { WorkspaceExportResult, WorkspaceInfo, WorkspaceSummary } from '../domain/workspace.js';
import { empty, id } from './fields.js';
import { returns, spec } from './spec.js';

export const MAX_WORKSPACE_NAME = 80;
/** Backups are named by main; the renderer only picks one of the files main lists (no paths from the renderer). */
export const MAX_BACKUP_FILE_NAME = 200;

const workspaceName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MAX_WORKSPACE_NAME)
  // Control characters would make the name unreadable in the list and the logs.
  .refine((name) => !/\p{Cc}/u.test(name), 'must not contain control characters');
const backupFile = z
  .string()
  .min(1, 'is required')
  .max(MAX_BACKUP_FILE_NAME)
  .regex(/^[\w.() -]+\.fieldbook-backup$/u, 'must be one of the backups listed by Fieldbook');

export const workspaceContract = {
  'workspace.info': spec(empty, returns<WorkspaceInfo>(), 'The open workspace, this device and the schema version.'),
  'workspace.list': spec(empty, returns<WorkspaceSummary[]>(), 'Every workspace on this laptop, the open one marked.'),
  'workspace.create': spec(
    z.strictObject({ name: workspaceName }),
    returns<WorkspaceSummary>(),
    'Add an empty workspace (local-only until its connection is set) and open it.',
  ),
  'workspace.rename': spec(z.strictObject({ id, name: workspaceName }), returns<WorkspaceSummary>(), 'Rename a workspace.'),
  'workspace.switch': spec(z.strictObject({ id }), returns<WorkspaceInfo>(), 'Open another workspace; workspace.changed follows.'),
  'workspace.remove': spec(
    z.strictObject({ id }),
    returns<{ removed: string }>(),
    'Delete a workspace from this laptop (CONFLICT while it has unpushed edits not exported since, or while it is open).',
  ),
  'workspace.openDemo': spec(empty, returns<SampleDataResult | null>(), 'Create or open the local-only Demo workspace and fill it with sample data when empty.'),
  'workspace.export': spec(
    z.strictObject({ id: id.optional() }),
    returns<WorkspaceExportResult>(),
    'Write a backup file of a workspace (the open one by default) into the backups folder.',
  ),
  'workspace.backups': spec(empty, returns<{ file: string; bytes: number; modifiedAt: string }[]>(), 'The backup files in the backups folder.'),
  'workspace.import': spec(
    z.strictObject({ file: backupFile, name: workspaceName.optional() }),
    returns<WorkspaceSummary>(),
    'Restore a backup from the backups folder as a new local-only workspace.',
  ),
} as const;
