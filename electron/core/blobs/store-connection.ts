/**
 * One S3 client for the current settings: made when first needed and again
 * when the settings change, so a new key or endpoint takes effect at once.
 */
import { openObjectStore, type ObjectStore } from './object-store.js';
import type { ObjectStoreConfig } from './object-store-settings.js';

export class StoreConnection {
  private current: { key: string; store: ObjectStore } | null = null;

  constructor(
    private readonly config: () => ObjectStoreConfig | null,
    private readonly open: (config: ObjectStoreConfig) => ObjectStore = openObjectStore,
  ) {}

  /** The store to talk to, or null when none is set up. */
  get(): ObjectStore | null {
    const config = this.config();
    if (config === null) {
      this.close();
      return null;
    }
    const key = JSON.stringify(config);
    if (this.current?.key !== key) {
      this.close();
      this.current = { key, store: this.open(config) };
    }
    return this.current.store;
  }

  close(): void {
    this.current?.store.close();
    this.current = null;
  }
}
