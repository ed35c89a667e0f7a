/**
 * Where this laptop's photos go: an S3-compatible bucket, kept per install in
 * `<dataDir>/object-store.json` (0600). The secret is stored only as SecretBox
 * ciphertext, bound to the endpoint origin it was saved with: it is given to
 * the S3 client only while the endpoint keeps that origin, so a changed
 * endpoint can never receive (requests signed with) the old secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectStoreSettings } from '../../../shared/domain/attachments.js';
import { makePrivateDir } from '../fs/private-files.js';
import { replaceFileSync } from '../fs/replace-file.js';
import type { SecretBox } from '../settings/secret-box.js';

export interface ObjectStoreConfig {
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix: string;
}

interface Stored {
  endpoint: string | null;
  bucket: string | null;
  region: string;
  accessKeyId: string | null;
  prefix: string;
  secretCipher: string | null;
  /** The endpoint origin the secret was saved for ('aws' for AWS's own endpoints). */
  secretOrigin: string | null;
}

export const DEFAULT_PREFIX = 'fieldbook/photos/';
const EMPTY: Stored = { endpoint: null, bucket: null, region: 'us-east-1', accessKeyId: null, prefix: DEFAULT_PREFIX, secretCipher: null, secretOrigin: null };

export function endpointOrigin(endpoint: string | null): string {
  if (endpoint === null) return 'aws';
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'invalid';
  }
}

export interface ObjectStoreUpdate {
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** undefined keeps the stored secret (only while the endpoint keeps its origin); null removes it. */
  secretAccessKey?: string | null;
  prefix?: string;
}

export class ObjectStoreSettingsStore {
  readonly file: string;
  private data: Stored;

  constructor(
    dataDir: string,
    private readonly secrets: SecretBox,
    /** Used while nothing is saved: the local store `npm start` runs. */
    private readonly fallback: ObjectStoreConfig | null = null,
  ) {
    this.file = path.join(dataDir, 'object-store.json');
    this.data = this.load();
  }

  /** The configuration the uploader uses, or null when no store is set up (photos then wait). */
  config(): ObjectStoreConfig | null {
    const d = this.data;
    if (d.bucket === null || d.accessKeyId === null) return this.fallback;
    const secret = this.readSecret();
    if (secret === null) return null;
    return { endpoint: d.endpoint, bucket: d.bucket, region: d.region, accessKeyId: d.accessKeyId, secretAccessKey: secret, prefix: d.prefix };
  }

  view(): ObjectStoreSettings {
    const d = this.data;
    const usingDefault = (d.bucket === null || d.accessKeyId === null) && this.fallback !== null;
    const shown = usingDefault ? this.fallback! : null;
    return {
      endpoint: shown ? shown.endpoint : d.endpoint,
      bucket: shown ? shown.bucket : d.bucket,
      region: shown ? shown.region : d.region,
      accessKeyId: shown ? shown.accessKeyId : d.accessKeyId,
      hasSecret: usingDefault || this.readSecret() !== null,
      prefix: shown ? shown.prefix : d.prefix,
      usingDefault,
      secureStorage: this.secrets.isSecure,
    };
  }

  save(update: ObjectStoreUpdate): void {
    const origin = endpointOrigin(update.endpoint);
    let secretCipher = this.data.secretCipher;
    let secretOrigin = this.data.secretOrigin;
    if (update.secretAccessKey === null || (update.secretAccessKey === undefined && secretOrigin !== origin)) {
      secretCipher = null;
      secretOrigin = null;
    } else if (typeof update.secretAccessKey === 'string') {
      secretCipher = this.secrets.encrypt(update.secretAccessKey).toString('base64');
      secretOrigin = origin;
    }
    this.write({
      endpoint: update.endpoint,
      bucket: update.bucket,
      region: update.region,
      accessKeyId: update.accessKeyId,
      prefix: update.prefix ?? this.data.prefix,
      secretCipher,
      secretOrigin,
    });
  }

  clear(): void {
    this.write({ ...EMPTY });
  }

  private readSecret(): string | null {
    const d = this.data;
    if (d.secretCipher === null || d.secretOrigin !== endpointOrigin(d.endpoint)) return null;
    try {
      return this.secrets.decrypt(Buffer.from(d.secretCipher, 'base64'));
    } catch {
      return null;
    }
  }

  private load(): Stored {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<Stored>;
      return { ...EMPTY, ...parsed };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...EMPTY };
      // A damaged file is kept for support; photos wait until the store is set up again.
      fs.renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
      return { ...EMPTY };
    }
  }

  private write(data: Stored): void {
    makePrivateDir(path.dirname(this.file));
    replaceFileSync(this.file, `${JSON.stringify(data, null, 2)}\n`);
    this.data = data;
  }
}
