/**
 * "Test photo storage" against the real local object store (s3rver): works,
 * unreachable, unknown key, no such bucket. A wrong secret and a key that may
 * not write, which s3rver cannot express (it checks no signatures and has no
 * policies), come from a thin stand-in answering as S3 does. The saved secret never leaves main
 * and is never sent to another endpoint.
 */
import { describe, expect, it } from 'vitest';
import type { StoreTestResult } from '../../../../shared/domain/attachments.js';
import { PROBE_NAME } from '../../../../electron/core/blobs/store-test.js';
import { invoke, startTestCore } from '../../../helpers/core.js';
import { startObjectStore } from '../../../helpers/object-store.js';
import { startRecordingServer } from '../../../helpers/recording-server.js';
import { freePort } from '../../../../electron/core/primary/local-primary.js';

const SECRET = 'S3RVER';

describe('test photo storage', () => {
  it('says in plain words whether the store works, and what is wrong when not', async () => {
    const store = await startObjectStore();
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const typed = { endpoint: store.config.endpoint, bucket: store.config.bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: SECRET };
    const test = (input: object) => invoke<StoreTestResult>(core, 'settings.testObjectStore', input);

    const works = await test(typed);
    expect(works).toMatchObject({ ok: true, problem: null, message: expect.stringMatching(/^Photo storage works: bucket fieldbook-photos/) });
    expect(works.latencyMs).toBeGreaterThanOrEqual(0);

    expect(await test({ ...typed, accessKeyId: 'NOBODY' })).toMatchObject({ ok: false, problem: 'credentials', message: expect.stringContaining('does not know the access key NOBODY') });
    expect(await test({ ...typed, bucket: 'no-such-bucket' })).toMatchObject({ ok: false, problem: 'bucket', message: expect.stringContaining('no bucket named no-such-bucket') });
    const nothing = `http://127.0.0.1:${await freePort()}`;
    expect(await test({ ...typed, endpoint: nothing })).toMatchObject({ ok: false, problem: 'unreachable', latencyMs: null, message: expect.stringContaining(`Could not reach the photo store at ${nothing}`) });
    await store.stop();
    expect(await test(typed)).toMatchObject({ ok: false, problem: 'unreachable' });
  });

  it('a wrong secret and a key that may not write are told apart (stand-in answering S3 errors)', async () => {
    const s3Error = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const tryWith = async (code: string) => {
      const server = await startRecordingServer({ reply: () => ({ status: 403, body: s3Error(code) }) });
      const result = await invoke<StoreTestResult>(core, 'settings.testObjectStore', { endpoint: server.url, bucket: 'photos', region: 'us-east-1', accessKeyId: 'LIMITED', secretAccessKey: 'secret-1' });
      // One PUT of the probe under the prefix, nothing else.
      expect(server.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([`PUT /photos/fieldbook/photos/${PROBE_NAME}`]);
      return result;
    };
    expect(await tryWith('AccessDenied')).toMatchObject({ ok: false, problem: 'write', message: expect.stringContaining('may not write to bucket photos under fieldbook/photos/') });
    expect(await tryWith('SignatureDoesNotMatch')).toMatchObject({ ok: false, problem: 'credentials', message: expect.stringContaining('refused the secret') });
  });

  it('tests the saved settings with the saved secret, which is never returned nor sent to another endpoint', async () => {
    const store = await startObjectStore();
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const nothingSaved = await invoke<StoreTestResult>(core, 'settings.testObjectStore', {});
    expect(nothingSaved).toMatchObject({ ok: false, problem: 'incomplete', message: expect.stringContaining('enter the bucket, the access key, the secret') });
    await invoke(core, 'settings.setObjectStore', { endpoint: store.config.endpoint, bucket: store.config.bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: SECRET, allowPlainTextSecret: true });
    const saved = await core.dispatch('settings.testObjectStore', {});
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    expect(JSON.stringify(saved)).not.toContain(SECRET);

    // Another endpoint without its own secret: refused before any request, so the saved secret signs nothing there.
    const elsewhere = await startRecordingServer({ reply: () => ({ status: 200, body: '' }) });
    const moved = await invoke<StoreTestResult>(core, 'settings.testObjectStore', { endpoint: elsewhere.url });
    expect(moved).toMatchObject({ ok: false, problem: 'incomplete', message: expect.stringContaining('enter the secret') });
    expect(elsewhere.requests).toEqual([]);
    // A new access key is not paired with the old secret either.
    expect(await invoke<StoreTestResult>(core, 'settings.testObjectStore', { accessKeyId: 'OTHER' })).toMatchObject({ problem: 'incomplete' });

    const bad = await core.dispatch('settings.testObjectStore', { endpoint: 'ftp://store.example', bucket: 'Bad_Bucket' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
  });
});
