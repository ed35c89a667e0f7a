/**
 * The renderer runs under a CSP without 'unsafe-eval'. Zod compiles fast object
 * parsers with `new Function` unless told not to, and merely probing for it is
 * reported as a CSP violation; the forms validate small inputs, so the plain
 * interpreter is plenty. Imported first by main.tsx, before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
