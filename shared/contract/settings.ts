import { z } from 'zod';
import type { ConnectionTestResult } from '../domain/sync.js';
import type { ConnectionSettings } from '../domain/workspace.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

const primaryUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^(https?|libsql):\/\/[^\s]+$/, 'must start with https://, http:// or libsql:// and contain no spaces, e.g. libsql://your-db.turso.io');

export const settingsContract = {
  'settings.getConnection': spec(empty, returns<ConnectionSettings>(), 'The primary URL and whether a token is stored.'),
  'settings.setConnection': spec(
    z.strictObject({
      url: primaryUrl.nullable(),
      /** Omit to keep the stored token; null to remove it. */
      authToken: z.string().trim().min(1).max(10_000).nullable().optional(),
      /**
       * Where the OS offers only plain-text storage (secureStorage: false), a token is
       * refused with TOKEN_STORAGE_INSECURE unless the user confirmed and this is true.
       */
      allowPlainTextToken: z.boolean().optional(),
    }),
    returns<ConnectionSettings>(),
    'Point the workspace at a primary; the token is encrypted in main and never returned.',
  ),
  'settings.testConnection': spec(
    z.strictObject({
      /** Omit both to test the saved connection; give them to test before saving. */
      url: primaryUrl.optional(),
      authToken: z.string().trim().min(1).max(10_000).optional(),
    }),
    returns<ConnectionTestResult>(),
    'Try the primary with a small query and say in plain words whether it works.',
  ),
} as const;
