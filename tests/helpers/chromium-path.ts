/**
 * The Chromium the browser tests drive: Debian's by default (this machine), or the one named by
 * FIELDBOOK_CHROMIUM (CI runners, where `npx playwright-core install chromium` provides it).
 */
export const CHROMIUM_PATH = process.env.FIELDBOOK_CHROMIUM || '/usr/bin/chromium';
