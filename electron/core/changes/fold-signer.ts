/**
 * What a fold records of the laptop that wrote it (`change_folds.device_id`). Reconcile of pulled folds
 * (sync/reconcile-folds.ts) only asks "is this fold mine?", and every laptop downloads every fold, so since
 * migration 10 a fold holds the first 16 hex digits of the sha256 of the device id (64 bits: a team's
 * laptops never share one) instead of the 36-character id: ~20 B a fold, which lets three folds share a
 * 4 KB page instead of two. Folds written before hold the whole id; `mySigners` answers both.
 */
import { createHash } from 'node:crypto';

export function foldSigner(deviceId: string): string {
  return createHash('sha256').update(deviceId, 'utf8').digest('hex').slice(0, 16);
}

/** The `device_id` values a fold written by this laptop may hold: the id (folds written before) and its signer. */
export function mySigners(deviceId: string): [string, string] {
  return [deviceId, foldSigner(deviceId)];
}
