/** The browser host's download folder: random tokens, handed out once, nothing for a guessed or used one. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, DOWNLOAD_LIFETIME_MS, DownloadFolder } from '../../../../electron/core/host/download-folder.js';
import { tempDir } from '../../../helpers/temp-dir.js';

describe('DownloadFolder', () => {
  it('gives each export a private file under a random token, served once', async () => {
    const dir = path.join(tempDir('fieldbook-downloads-'), 'downloads');
    const folder = new DownloadFolder(dir);
    const chosen = await folder.choose({ suggestedName: 'Zähler Ω.pdf', kind: 'pdf' });
    expect(path.dirname(chosen.path)).toBe(dir);
    expect(chosen.fileName).toBe('Zähler Ω.pdf');
    expect(chosen.downloadUrl).toMatch(/^\/downloads\/[0-9a-f]{32}$/);
    if (process.platform !== 'win32') expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    // Not yet written: nothing to hand out.
    expect(folder.take(chosen.downloadUrl!)).toBeNull();
    fs.writeFileSync(chosen.path, '%PDF-');
    expect(folder.take(chosen.downloadUrl!)).toEqual({ file: chosen.path, fileName: 'Zähler Ω.pdf', contentType: 'application/pdf' });
    expect(folder.take(chosen.downloadUrl!)).toBeNull();
    for (const guess of ['/downloads/../../etc/passwd', '/downloads/', `/downloads/${'0'.repeat(32)}`, '/elsewhere']) expect(folder.take(guess)).toBeNull();
    const other = await folder.choose({ suggestedName: 'a.csv', kind: 'csv' });
    expect(other.downloadUrl).not.toBe(chosen.downloadUrl);
  });

  it('at start removes exports never fetched within their lifetime, and keeps younger ones and folders', async () => {
    const dir = path.join(tempDir('fieldbook-downloads-'), 'downloads');
    // No folder yet: nothing to do, and no error.
    expect(new DownloadFolder(dir).removeStale(Date.now())).toBe(0);
    const first = new DownloadFolder(dir);
    const stale = await first.choose({ suggestedName: 'old.pdf', kind: 'pdf' });
    const young = await first.choose({ suggestedName: 'new.csv', kind: 'csv' });
    fs.writeFileSync(stale.path, '%PDF-');
    fs.writeFileSync(young.path, 'a,b');
    fs.writeFileSync(path.join(dir, 'leftover.pdf.tmp-123'), 'partial');
    fs.mkdirSync(path.join(dir, 'keep-me'));
    const now = Date.now();
    const old = new Date(now - DOWNLOAD_LIFETIME_MS - 60_000);
    fs.utimesSync(stale.path, old, old);
    fs.utimesSync(path.join(dir, 'leftover.pdf.tmp-123'), old, old);
    const justInside = new Date(now - DOWNLOAD_LIFETIME_MS + 60_000);
    fs.utimesSync(young.path, justInside, justInside);

    // The host starts again: a new folder over the same directory.
    const restarted = new DownloadFolder(dir, now);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(young.path), 'keep-me'].sort());
    // The restarted host never handed out the young file's token, and never will.
    expect(restarted.take(young.downloadUrl!)).toBeNull();
  });

  it('names the file for any script, with an ASCII fallback', () => {
    expect(attachmentHeader('Zähler "Ω".pdf')).toBe(`attachment; filename="Z_hler ___.pdf"; filename*=UTF-8''Z%C3%A4hler%20%22%CE%A9%22.pdf`);
    expect(attachmentHeader("Jörg's (1).csv")).toBe(`attachment; filename="J_rg's (1).csv"; filename*=UTF-8''J%C3%B6rg%27s%20%281%29.csv`);
  });
});
