import type { DiagnosticsReport } from '../domain/diagnostics.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

export const diagnosticsContract = {
  'diagnostics.collect': spec(
    empty,
    returns<DiagnosticsReport>(),
    'Versions, sync state, file sizes and recent errors for a support ticket; never the token or personal data.',
  ),
} as const;
