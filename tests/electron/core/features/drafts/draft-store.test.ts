import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFTS_FILE, DraftFileCorrupt, DraftStore } from '../../../../../electron/core/features/drafts/draft-store.js';
import { tempDir } from '../../../../helpers/temp-dir.js';

const JOB = '01900000-0000-7000-8000-000000000001';

describe('draft store', () => {
  it('keeps drafts across a restart, in a private file, until discarded', async () => {
    const dir = tempDir('fieldbook-drafts-');
    const store = new DraftStore(dir);
    await store.save(`note:${JOB}`, { body: 'Half a sentence about the T2 oi' });
    await store.save('job:new', { title: 'Pump', description: '' });
    await store.save(`note:${JOB}`, { body: 'Half a sentence about the T2 oil' });

    const file = path.join(dir, DRAFTS_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // No temp files are left behind by write-temp-then-rename.
    expect(fs.readdirSync(dir)).toEqual([DRAFTS_FILE]);

    const reopened = new DraftStore(dir);
    expect(reopened.get(`note:${JOB}`)?.value).toEqual({ body: 'Half a sentence about the T2 oil' });
    expect(reopened.get('job:new')?.value).toEqual({ title: 'Pump', description: '' });
    expect(reopened.recovered).toBeNull();

    expect(await reopened.discard(`note:${JOB}`)).toBe(true);
    expect(await reopened.discard(`note:${JOB}`)).toBe(false);
    expect(new DraftStore(dir).get(`note:${JOB}`)).toBeNull();
    expect(new DraftStore(dir).get('job:new')).not.toBeNull();
  });

  it('starts empty from a corrupt file, keeps the bad file aside and says so', async () => {
    for (const bad of ['{"version":1,"drafts":{"note:x":{"value":{"body":', '[1,2,3]', '{"version":2,"drafts":{}}', '{"version":1,"drafts":{"k":{"value":{"body":5},"savedAt":"t"}}}']) {
      const dir = tempDir('fieldbook-drafts-');
      fs.writeFileSync(path.join(dir, DRAFTS_FILE), bad);
      const problems: string[] = [];
      const store = new DraftStore(dir, { onProblem: (message) => problems.push(message) });
      expect(store.recovered, bad).toBeInstanceOf(DraftFileCorrupt);
      expect(store.keys()).toEqual([]);
      const aside = fs.readdirSync(dir).filter((name) => name.startsWith(`${DRAFTS_FILE}.corrupt-`));
      expect(aside).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(bad);
      expect(problems[0]).toMatch(/could not be read/);
      // And it works again from there.
      await store.save('job:new', { title: 'Again' });
      expect(new DraftStore(dir).get('job:new')?.value).toEqual({ title: 'Again' });
    }
  });

  it('stays within its limits by dropping the least recently saved drafts, and refuses one draft too large', async () => {
    const dir = tempDir('fieldbook-drafts-');
    const problems: string[] = [];
    const store = new DraftStore(dir, { limits: { maxDrafts: 3, maxBytes: 2000 }, onProblem: (m) => problems.push(m) });
    for (const key of ['site:new', 'job:new', 'template:new']) await store.save(key, { a: key });
    await store.save('site:new', { a: 'touched again' });
    await store.save(`note:${JOB}`, { body: 'newest' });
    expect(store.keys().sort()).toEqual(['site:new', 'template:new', `note:${JOB}`].sort());
    expect(problems.join('\n')).toMatch(/dropped the 1 least recently saved \(job:new\)/);

    await expect(store.save(`note:${JOB}`, { body: 'x'.repeat(5000) })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    // The earlier draft of that form is still there.
    expect(store.get(`note:${JOB}`)?.value).toEqual({ body: 'newest' });
    expect(Buffer.byteLength(fs.readFileSync(path.join(dir, DRAFTS_FILE)))).toBeLessThanOrEqual(2000);
  });

  it('writes many quick saves in order and ends with the last one on disk', async () => {
    const dir = tempDir('fieldbook-drafts-');
    const store = new DraftStore(dir);
    const saves = Array.from({ length: 50 }, (_, i) => store.save(`note:${JOB}`, { body: 'x'.repeat(i) }));
    await Promise.all(saves);
    expect(new DraftStore(dir).get(`note:${JOB}`)?.value.body).toHaveLength(49);
  });
});
