/**
 * The BUILT main process (dist/electron/main.js, not the sources) started from the packaged
 * layout under plain Node, with the `electron` stand-in in place of Electron's built-in module
 * and the real core on a real replica file in a temp userData folder. Proves the bundle
 * resolves everything it needs from where electron-builder puts it, wires the guards in
 * Electron's order, serves the built renderer over app://, and answers contract calls only
 * from the app's main frame.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../shared/bridge.js';
import { HANDLER_NAMES } from '../../shared/contract/index.js';
import type { Job, JobPage } from '../../shared/domain/jobs.js';
import type { ExportResult } from '../../shared/domain/reports.js';
import { pdfText } from '../helpers/pdf-tools.js';
import type { Result } from '../../shared/errors.js';
import { openReplica } from '../../electron/core/db/replica.js';
import { engineHostConnector } from '../../electron/core/engine-host/hosted-engine.js';
import { isNodeBuiltin, requestedModules } from './bundle-modules.js';
import { builtFile, packApp, startPackagedMain, type FrameLike, type PackagedApp, type RunningMain } from './packaged-app.js';

const APP_FRAME: FrameLike = { url: 'app://fieldbook/index.html', parent: null };
/** Start-up is done when the one window has loaded the app page. Generous: the machine is shared. */
async function startedUp(running: RunningMain): Promise<void> {
  await vi.waitFor(async () => expect((await running.state()).windows[0]?.loaded).toEqual(['app://fieldbook/index.html']), {
    timeout: 45_000,
    interval: 50,
  });
}

let app: PackagedApp;
let main: RunningMain;

beforeAll(async () => {
  app = packApp();
  main = startPackagedMain(app);
  await startedUp(main);
}, 60_000);

afterAll(async () => {
  main?.kill();
  await main?.exited;
  app?.remove();
});

describe('built main bundle', () => {
  it('leaves only Electron and the native Turso engine to the runtime; everything else is bundled', async () => {
    const requested = await requestedModules(builtFile('electron/main.js'));
    expect(requested).toContain('electron');
    expect(requested).toContain('@tursodatabase/sync');
    // pdfkit is the report worker's alone: main never lays out a PDF itself.
    expect(requested).not.toContain('pdfkit');
    // sharp too: images are decoded in the image child only (a native decoder crash must not end main).
    expect(requested).not.toContain('sharp');
    const runtime = ['electron', '@tursodatabase/sync'];
    expect(requested.filter((name) => !isNodeBuiltin(name) && !runtime.includes(name))).toEqual([]);
  });

  it('builds the report worker beside main.js, leaving only pdfkit (reads its own data files) to the runtime', async () => {
    const requested = await requestedModules(builtFile('electron/report-worker.js'));
    expect(requested).toContain('pdfkit');
    expect(requested.filter((name) => !isNodeBuiltin(name) && name !== 'pdfkit')).toEqual([]);
  });

  it('builds the replica check child beside main.js, needing only the Turso engine, and it answers a check', async () => {
    const child = builtFile('electron/integrity-check-child.js');
    const requested = await requestedModules(child);
    expect(requested.filter((name) => !isNodeBuiltin(name) && name !== '@tursodatabase/sync')).toEqual([]);
    // A fresh, healthy replica: the built child must open it and say "ok".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-check-'));
    try {
      const replica = path.join(dir, 'r.db');
      // Made by another process: the engine keeps a file lock in this one even after close().
      const make = `import { connect } from '@tursodatabase/sync'; const db = await connect({ path: ${JSON.stringify(replica)}, url: () => null }); await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)'); await db.close();`;
      execFileSync(process.execPath, ['--input-type=module', '-e', make], { cwd: path.resolve(import.meta.dirname, '..', '..'), timeout: 60_000 });
      const out = execFileSync(process.execPath, [child, 'check', replica], { encoding: 'utf8', timeout: 60_000 });
      expect(JSON.parse(out.trim().split('\n').pop()!)).toMatchObject({ result: 'ok' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the engine host beside main.js, needing only the Turso engine, and it serves a replica over its IPC channel', async () => {
    const script = builtFile('electron/engine-host-child.js');
    const requested = await requestedModules(script);
    expect(requested.filter((name) => !isNodeBuiltin(name) && name !== '@tursodatabase/sync')).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-host-'));
    // The built file itself under plain Node (no TypeScript loader), driven by the real main-side proxy.
    const connector = engineHostConnector({ script });
    try {
      const replica = await openReplica({ path: path.join(dir, 'r.db'), remote: () => null, connector });
      await replica.db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
      await replica.db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', ['from the built host']));
      expect(await replica.db.all('SELECT id FROM t')).toEqual([{ id: 'from the built host' }]);
      expect(connector.engines[0]!.pid).not.toBe(process.pid);
      await replica.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('built main process, started from the packaged layout', () => {
  it('registers the privileged app scheme before ready, enables the sandbox, then serves app:// after ready', async () => {
    const { log } = await main.state();
    const readyAt = log.indexOf('ready');
    const privileged = log.findIndex((entry) => typeof entry === 'object');
    expect(privileged).toBeGreaterThanOrEqual(0);
    expect(privileged).toBeLessThan(readyAt);
    expect(log[privileged]).toEqual({
      registerSchemesAsPrivileged: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }],
    });
    expect(log.indexOf('app.enableSandbox')).toBeLessThan(readyAt);
    expect(log.indexOf('protocol.handle app')).toBeGreaterThan(readyAt);
  });

  it("runs the replica's engine in a utility process started from the built host script beside main.js", async () => {
    const { log } = await main.state();
    expect(log).toContain('utilityProcess.fork engine-host-child.js');
    expect(log.indexOf('utilityProcess.fork engine-host-child.js')).toBeGreaterThan(log.indexOf('ready'));
  });

  it('installs the permission, device and request guards on the default session', async () => {
    expect((await main.state()).session).toEqual({ permissionRequest: true, permissionCheck: true, devicePermission: true, beforeRequest: true });
  });

  it('creates one hidden, hardened window with the built preload, and shows it once the page is ready', async () => {
    const { windows } = await main.state();
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window!.options.show).toBe(false);
    expect(window!.shown).toBe(true);
    const prefs = window!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    // The path main computes relative to itself must be the preload that was packed.
    const preload = String(prefs.preload);
    // Real paths: a temp folder may sit behind a symlink (macOS /var) or a short name (Windows).
    expect(fs.realpathSync.native(preload)).toBe(fs.realpathSync.native(path.join(app.appDir, 'dist', 'electron', 'preload.cjs')));
    // Buffer.equals: a deep toEqual over a bundle this size is needlessly slow.
    expect(fs.readFileSync(preload).equals(fs.readFileSync(builtFile('electron/preload.cjs')))).toBe(true);
  });

  it('serves the built renderer and its assets from the packaged folder, with the CSP', async () => {
    const index = { url: 'app://fieldbook/index.html', ...(await main.fetch('app://fieldbook/index.html')) };
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("connect-src 'none'");
    const html = index.body.toString('utf8');
    expect(html).toBe(fs.readFileSync(path.join(app.appDir, 'dist', 'renderer', 'index.html'), 'utf8'));

    // What the page loads, resolved the way the window resolves it against app://fieldbook/index.html.
    const assets = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => new URL(match[1]!, index.url));
    expect(assets.map((asset) => path.extname(asset.pathname)).sort()).toEqual(['.css', '.js']);
    for (const asset of assets) {
      const response = await main.fetch(asset.href);
      expect(response.status, asset.href).toBe(200);
      expect(response.body.equals(fs.readFileSync(path.join(app.appDir, 'dist', 'renderer', ...asset.pathname.split('/')))), asset.href).toBe(true);
    }
  });

  it('serves nothing outside the renderer folder or the app host', async () => {
    expect((await main.fetch('app://fieldbook/../package.json')).status).toBe(404);
    expect((await main.fetch('app://fieldbook/%2e%2e/electron/main.js')).status).toBeGreaterThanOrEqual(400);
    expect((await main.fetch('app://fieldbook/..%2F..%2Fpackage.json')).status).toBeGreaterThanOrEqual(400);
    expect((await main.fetch('app://elsewhere/index.html')).status).toBe(404);
    expect((await main.fetch('app://fieldbook/index.html', 'POST')).status).toBe(405);
  });

  it('binds exactly one IPC channel per contract handler', async () => {
    expect((await main.state()).ipcChannels.sort()).toEqual(HANDLER_NAMES.map(ipcChannel).sort());
  });

  it('answers a contract call from the app main frame with the real core, and validates its input', async () => {
    const profile = (await main.invoke('fieldbook:profile.set', { name: 'Alex Field' }, APP_FRAME)) as Result<unknown>;
    expect(profile.ok).toBe(true);
    const created = (await main.invoke('fieldbook:jobs.create', { title: 'Packaged start-up check' }, APP_FRAME)) as Result<Job>;
    expect(created).toMatchObject({ ok: true, value: { title: 'Packaged start-up check' } });
    const list = (await main.invoke('fieldbook:jobs.list', { limit: 10 }, APP_FRAME)) as Result<JobPage>;
    expect(list.ok && list.value.items.map((job) => job.title)).toEqual(['Packaged start-up check']);

    const bad = (await main.invoke('fieldbook:jobs.list', { limit: 'all' }, APP_FRAME)) as Result<JobPage>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/page size/);
  });

  it('makes a job report from the packaged layout: pdfkit from node_modules, the fonts and the report worker beside main.js, saved where the dialog answered', async () => {
    for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'LICENSE-DejaVu.txt']) {
      expect(fs.existsSync(path.join(app.appDir, 'dist', 'electron', 'fonts', font)), font).toBe(true);
    }
    const created = (await main.invoke('fieldbook:jobs.create', { title: 'Packaged report — Zählerstand Ω' }, APP_FRAME)) as Result<Job>;
    if (!created.ok) throw new Error(created.error.message);
    const result = (await main.invoke('fieldbook:reports.jobPdf', { jobId: created.value.id }, APP_FRAME)) as Result<ExportResult>;
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { status: 'saved', downloadUrl: null } });
    if (!result.ok || result.value.status !== 'saved') return;
    const { log } = await main.state();
    expect(log).toContain(`dialog.showSaveDialog ${result.value.fileName}`);
    const file = path.join(app.pathsDir, 'downloads', result.value.fileName);
    expect(fs.statSync(file).size).toBe(result.value.bytes);
    expect(pdfText(file)).toContain('Packaged report — Zählerstand Ω');
    // The PDF is laid out by the worker beside main.js (the packaged layout has no source to fall back on).
    const worker = path.join(app.appDir, 'dist', 'electron', 'report-worker.js');
    fs.renameSync(worker, `${worker}.away`);
    try {
      const missing = (await main.invoke('fieldbook:reports.jobPdf', { jobId: created.value.id }, APP_FRAME)) as Result<ExportResult>;
      expect(missing).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(!missing.ok && missing.error.message).toMatch(/renderer \(report-worker\) is missing from this installation/);
      expect(fs.readdirSync(path.join(app.pathsDir, 'downloads'))).toEqual([result.value.fileName]);
    } finally {
      fs.renameSync(`${worker}.away`, worker);
    }
    const bad = (await main.invoke('fieldbook:reports.inspectionsCsv', { from: '2026-02-01', to: '2026-01-01' }, APP_FRAME)) as Result<ExportResult>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The restart test below expects only its own job.
    await main.invoke('fieldbook:jobs.delete', { id: created.value.id }, APP_FRAME);
  });

  it('refuses the same call from any other sender', async () => {
    const senders: (FrameLike | null)[] = [
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'app://fieldbook/index.html', parent: APP_FRAME },
      { url: 'app://other/index.html', parent: null },
      { url: 'file:///index.html', parent: null },
      null,
    ];
    for (const frame of senders) {
      expect(await main.invoke('fieldbook:jobs.list', {}, frame), JSON.stringify(frame)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('keeps the window on the app: navigation elsewhere is prevented', async () => {
    expect(await main.navigate('https://evil.example/')).toBe(true);
    expect(await main.navigate('app://fieldbook/index.html')).toBe(false);
  });

  it('keeps the replica in userData, quits cleanly, and finds the job again on the next start', async () => {
    const userData = path.join(app.pathsDir, 'userData');
    expect(fs.readdirSync(userData).length).toBeGreaterThan(0);
    expect(await main.quit()).toBe(0);
    expect((await main.state().catch(() => null))).toBeNull();
    expect(main.output()).not.toMatch(/failed to start|unhandled/i);

    main = startPackagedMain(app);
    await startedUp(main);
    const list = (await main.invoke('fieldbook:jobs.list', {}, APP_FRAME)) as Result<JobPage>;
    expect(list.ok && list.value.items.map((job) => job.title)).toEqual(['Packaged start-up check']);
  });
});
