/**
 * A new laptop joining a team, in real Chromium against a real core and
 * primary: while the first download runs, the empty job list says so with its
 * progress and offers no sample data; then the team's jobs show. The network
 * is slowed by a throttling proxy in front of the primary (a stand-in for a
 * slow connection, which loopback cannot be).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';
import { invoke, startTestCore } from '../helpers/core.js';
import { startHost, useChromium } from '../helpers/browser.js';
import { bulkCreateJobs } from '../helpers/edits.js';
import { startPrimary, waitFor } from '../helpers/primary.js';
import { tempDir } from '../helpers/temp-dir.js';

const browser = useChromium();

/** Forwards to the primary, dribbling pull answers out at ~200 KB/s. */
async function throttlingProxy(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(body.length) });
        const slow = req.url?.startsWith('/pull-updates') === true;
        const step = slow ? 20_000 : body.length || 1;
        for (let at = 0; at < body.length; at += step) {
          res.write(body.subarray(at, at + step));
          if (slow) await new Promise((r) => setTimeout(r, 100));
        }
        res.end();
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('joining a team in Chromium', () => {
  it('shows the download with its progress instead of "Load sample data", then the jobs', { timeout: 180_000 }, async () => {
    const primary = await startPrimary();
    const team = await startTestCore({ primaryUrl: primary.url });
    await bulkCreateJobs(team, 1500, 'Team job');
    team.sync.notifyLocalWrite();
    await waitFor('team jobs on the primary', () => team.sync.status.state === 'up_to_date' && team.sync.status.pendingChanges === 0, 120_000);
    const proxy = await throttlingProxy(primary.url);
    const host = await startHost(tempDir('fieldbook-data-'));
    const page = await browser().newPage();
    try {
      await page.goto(host.url);
      // No primary yet: sample data is this laptop's own business.
      await page.getByRole('button', { name: 'Load sample data' }).waitFor();
      await invoke(host.core, 'settings.setConnection', { url: proxy.url });
      await page.getByText(/Downloading your team's jobs… [\d.]+ (KB|MB) of [\d.]+ MB received/).waitFor({ timeout: 60_000 });
      expect(await page.getByRole('button', { name: 'Load sample data' }).count()).toBe(0);
      await page.getByText('Team job 1499').first().waitFor({ timeout: 90_000 });
    } finally {
      await page.close();
      await host.stop();
      await proxy.close();
    }
  });
});
