/**
 * When and where a captured photo was taken, as the record keeps them. The
 * child process read them from the photo's EXIF; a hostile file could make it
 * say anything, so main takes only a plausible instant and a real position.
 */
import type { ProcessedImage } from '../../blobs/image-pipeline.js';

/** Cameras whose clock was never set say 1970 or 2000; a day ahead allows for zones and skew. */
const EARLIEST = Date.UTC(1990, 0, 1);
const AHEAD_MS = 24 * 60 * 60 * 1000;

export function plausibleMoment(iso: string | null | undefined, now: Date): string | null {
  if (typeof iso !== 'string') return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime() + AHEAD_MS) return null;
  return new Date(ms).toISOString();
}

export interface PhotoFacts {
  takenAt: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * Taken-at: EXIF DateTimeOriginal when the photo has a plausible one, else the
 * file's time the renderer sent, else now. The position only when asked to
 * keep it, and only a real one (both halves, in range).
 */
export function photoFacts(image: Pick<ProcessedImage, 'takenAt' | 'latitude' | 'longitude'>, fileTime: string | undefined, keepLocation: boolean, now: Date): PhotoFacts {
  const takenAt = plausibleMoment(image.takenAt, now) ?? plausibleMoment(fileTime, now) ?? now.toISOString();
  const { latitude, longitude } = image;
  const real =
    keepLocation &&
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return { takenAt, latitude: real ? latitude : null, longitude: real ? longitude : null };
}
