import { z } from 'zod';
import type { ConnectionTestResult } from '../domain/sync.js';
import type { ConnectionSettings } from '../domain/workspace.js';
import { primaryUrlProblem } from '../primary-url.js';
import { empty } from './fields.js';
import { returns, spec } from './spec.js';

const primaryUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((url, ctx) => {
    const problem = primaryUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const authToken = z.string().trim().min(1).max(10_000);

export const settingsContract = {
  'settings.getConnection': spec(empty, returns<ConnectionSettings>(), 'The primary URL and whether a token is stored.'),
  'settings.setConnection': spec(
    z.strictObject({
      url: primaryUrl.nullable(),
      /**
       * Omit to keep the stored token (only while the URL keeps its origin: a URL on
       * another server drops it, so a token never follows the URL elsewhere); null to remove it.
       */
      authToken: authToken.nullable().optional(),
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
      /** Omit to test the saved connection; give it to test before saving. */
      url: primaryUrl.optional(),
      /**
       * The token to test with. Omitted, the saved token is used only when `url` is on
       * the saved URL's origin; any other URL is tested without a token.
       */
      authToken: authToken.optional(),
    }),
    returns<ConnectionTestResult>(),
    'Try the primary with a small query and say in plain words whether it works.',
  ),
} as const;
