/**
 * UUIDv7: time-ordered, so ids made on different laptops sort by creation time
 * and never collide (74 random bits per millisecond per device).
 */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

const random = (globalThis as unknown as { crypto: RandomSource }).crypto;

export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  const ms = Math.max(0, Math.floor(nowMs));
  // 48-bit big-endian millisecond timestamp.
  for (let i = 5; i >= 0; i--) bytes[5 - i] = Math.floor(ms / 2 ** (8 * i)) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
