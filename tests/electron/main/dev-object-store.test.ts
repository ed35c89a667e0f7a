import { describe, expect, it } from 'vitest';
import { devObjectStore, devObjectStoreUrl } from '../../../electron/main/dev-object-store.js';

describe('devObjectStore', () => {
  const config = { endpoint: 'http://127.0.0.1:4568', bucket: 'fieldbook-photos', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3/RVER', prefix: 'fieldbook/photos/' };

  it('a development build takes the local photo store from FIELDBOOK_OBJECT_STORE_URL, as npm start writes it', () => {
    expect(devObjectStore(false, { FIELDBOOK_OBJECT_STORE_URL: devObjectStoreUrl(config) })).toEqual(config);
    expect(devObjectStore(false, {})).toBeNull();
  });

  it('a packaged build ignores it; a malformed value is refused naming the variable', () => {
    expect(devObjectStore(true, { FIELDBOOK_OBJECT_STORE_URL: devObjectStoreUrl(config) })).toBeNull();
    expect(() => devObjectStore(false, { FIELDBOOK_OBJECT_STORE_URL: 'http://127.0.0.1:4568/bucket' })).toThrow(/FIELDBOOK_OBJECT_STORE_URL must be a URL like/);
    expect(() => devObjectStore(false, { FIELDBOOK_OBJECT_STORE_URL: 'ftp://a:b@host/bucket' })).toThrow(/FIELDBOOK_OBJECT_STORE_URL/);
  });
});
