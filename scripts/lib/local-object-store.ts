/**
 * A local S3-compatible object store for development and tests: s3rver (an
 * S3 server in Node with filesystem storage) on 127.0.0.1, random free port
 * unless one is given, with one bucket. Not shipped (s3rver is a devDependency).
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { freePort } from '../../electron/core/primary/local-primary.js';
import type { ObjectStoreConfig } from '../../electron/core/blobs/object-store-settings.js';

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  httpServer?: Server;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export const LOCAL_STORE_BUCKET = 'fieldbook-photos';
/** s3rver's built-in account. */
const LOCAL_KEY = 'S3RVER';

export interface LocalObjectStore {
  port: number;
  directory: string;
  config: ObjectStoreConfig;
  /** Stops answering: open connections are cut, as when the network goes. */
  stop(): Promise<void>;
  /** Serves again on the same port and folder. */
  restart(): Promise<void>;
}

export async function startLocalObjectStore(options: { directory: string; port?: number }): Promise<LocalObjectStore> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  fs.mkdirSync(options.directory, { recursive: true });
  const port = options.port ?? (await freePort());
  let server: S3rverInstance | null = null;
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: options.directory,
      configureBuckets: [{ name: LOCAL_STORE_BUCKET }],
    });
    await server.run();
  };
  await start();
  return {
    port,
    directory: options.directory,
    config: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: LOCAL_STORE_BUCKET,
      region: 'us-east-1',
      accessKeyId: LOCAL_KEY,
      secretAccessKey: LOCAL_KEY,
      prefix: 'fieldbook/photos/',
    },
    async stop() {
      const http = server?.httpServer;
      server = null;
      if (!http) return;
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
    async restart() {
      if (server === null) await start();
    },
  };
}
