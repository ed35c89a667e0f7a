import { z } from 'zod';
import type { Profile } from '../domain/profile.js';
import { empty, person } from './fields.js';
import { returns, spec } from './spec.js';

export const profileContract = {
  'profile.get': spec(empty, returns<Profile>(), "This device's worker name (null until set on first run)."),
  'profile.set': spec(z.strictObject({ name: person }), returns<Profile>(), 'Set the worker name that signs edits on this device.'),
} as const;
