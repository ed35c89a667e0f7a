/**
 * The photo store `npm start` runs next to the local primary, handed to the
 * app as FIELDBOOK_OBJECT_STORE_URL=http://<key>:<secret>@127.0.0.1:<port>/<bucket>.
 * Like the other development overrides, a packaged build ignores it.
 */
import type { ObjectStoreConfig } from '../core/blobs/object-store-settings.js';
import { DEFAULT_PREFIX } from '../core/blobs/object-store-settings.js';

export const DEV_OBJECT_STORE_VAR = 'FIELDBOOK_OBJECT_STORE_URL';

export function devObjectStore(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): ObjectStoreConfig | null {
  const text = env[DEV_OBJECT_STORE_VAR]?.trim();
  if (isPackaged || !text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${DEV_OBJECT_STORE_VAR} must be a URL like http://key:secret@127.0.0.1:4568/bucket, got ${JSON.stringify(text)}`);
  }
  const bucket = url.pathname.replace(/^\/+|\/+$/g, '');
  if (!/^https?:$/.test(url.protocol) || !url.username || !url.password || !bucket) {
    throw new Error(`${DEV_OBJECT_STORE_VAR} must be a URL like http://key:secret@127.0.0.1:4568/bucket, got ${JSON.stringify(text)}`);
  }
  return {
    endpoint: `${url.protocol}//${url.host}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
    prefix: DEFAULT_PREFIX,
  };
}

/** The variable's value for a store config (what `npm start` and the host pass on). */
export function devObjectStoreUrl(config: ObjectStoreConfig): string {
  const endpoint = new URL(config.endpoint ?? 'https://s3.amazonaws.com');
  return `${endpoint.protocol}//${encodeURIComponent(config.accessKeyId)}:${encodeURIComponent(config.secretAccessKey)}@${endpoint.host}/${config.bucket}`;
}
