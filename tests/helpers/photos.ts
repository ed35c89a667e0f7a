/** Test photos: the benchmark's generator (scripts/bench/photo-data.ts), and base64 for `attachments.add`. */
export { makePhoto } from '../../scripts/bench/photo-data.js';

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
