import type { SampleDataResult } from '../domain/profile.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

export const sampleDataContract = {
  'workspace.loadSampleData': spec(
    empty,
    returns<SampleDataResult>(),
    'Fill an empty workspace with example sites, jobs and a checklist template (CONFLICT if it has data).',
  ),
} as const;
