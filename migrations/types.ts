export interface Migration {
  /** 1, 2, 3 … with no gaps; the runner refuses anything else. */
  version: number;
  name: string;
  /**
   * Additive, idempotent SQL only (CREATE … IF NOT EXISTS, ALTER TABLE … ADD COLUMN; `DROP INDEX IF EXISTS name;` for an index no query needs):
   * replicas that migrated offline replay their DDL on top of the primary's schema. The runner makes each index drop replay
   * safely and refuses any other DROP (electron/core/db/replay-safe-drops.ts).
   */
  sql: string;
}
