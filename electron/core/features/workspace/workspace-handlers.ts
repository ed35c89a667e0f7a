import type { WorkspaceInfo } from '../../../../shared/domain/workspace.js';
import type { FeatureHandlers } from '../../rpc/handlers.js';

export function workspaceHandlers(info: () => Promise<WorkspaceInfo>): FeatureHandlers {
  return { 'workspace.info': () => info() };
}
