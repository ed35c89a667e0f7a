import type { WorkspaceInfo } from '../domain/workspace.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

export const workspaceContract = {
  'workspace.info': spec(empty, returns<WorkspaceInfo>(), 'The open workspace, this device and the schema version.'),
} as const;
