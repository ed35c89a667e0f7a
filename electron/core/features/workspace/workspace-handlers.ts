import type { WorkspaceInfo } from '../../../../shared/domain/workspace.js';
import { AppError } from '../../../../shared/errors.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';

export function workspaceHandlers(info: () => Promise<WorkspaceInfo>): FeatureHandlers {
  return { 'workspace.info': () => info() };
}

/** The names the WorkspaceManager answers (electron/core/workspaces/). */
export const MANAGED_WORKSPACE_HANDLERS = [
  'workspace.list',
  'workspace.create',
  'workspace.rename',
  'workspace.switch',
  'workspace.remove',
  'workspace.openDemo',
  'workspace.export',
  'workspace.backups',
  'workspace.import',
] as const;

/** A Core started on its own (tests, tools) opens one workspace and cannot manage the list. */
export function standaloneWorkspaceHandlers(): FeatureHandlers {
  const refuse = async (): Promise<never> => {
    throw new AppError('CONFLICT', 'This Fieldbook opens a single workspace; workspaces are managed by the app.');
  };
  return Object.fromEntries(MANAGED_WORKSPACE_HANDLERS.map((name) => [name, refuse])) as FeatureHandlers;
}
