/**
 * The sharp pipeline a captured photo goes through: decode (untrusted bytes:
 * this runs in a child process, see image-child.ts), turn upright by its EXIF
 * orientation, downscale to the configured longest side, re-encode without
 * any metadata, and derive the thumbnail that goes into the replica. When the
 * photo was taken and (only if the worker keeps the location) where are read
 * from its EXIF here and returned as values for the record: the stored file
 * keeps no EXIF at all, so camera serials and the like never leave the laptop.
 */
import sharp, { type OutputInfo } from 'sharp';
import { exifMoment, readExif } from './exif-read.js';
import type { ImageType } from './image-sniff.js';

export interface PipelineOptions {
  maxSide: number;
  /** Return the photo's GPS position (for the record); otherwise it is dropped with all other metadata. */
  keepLocation: boolean;
}

export interface ProcessedImage {
  original: Buffer;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  thumbnail: Buffer;
  thumbnailType: 'image/webp';
  thumbnailWidth: number;
  thumbnailHeight: number;
  /** From EXIF DateTimeOriginal (ISO instant), or null when the photo does not say. */
  takenAt: string | null;
  /** The GPS position when the worker keeps the location and the photo has one, else null. */
  latitude: number | null;
  longitude: number | null;
}

/**
 * Thumbnails must fit the replica budget: never over 20 KB, and aimed at 10 KB,
 * because the replica holds each one twice until it is pushed (the row and the
 * engine's change capture) and a photo should cost at most 30 KB there.
 */
export const THUMBNAIL_MAX_BYTES = 20 * 1024;
export const THUMBNAIL_TARGET_BYTES = 10 * 1024;
const THUMBNAIL_STEPS: readonly { side: number; quality: number }[] = [
  { side: 256, quality: 60 },
  { side: 256, quality: 45 },
  { side: 224, quality: 40 },
  { side: 192, quality: 35 },
  { side: 160, quality: 30 },
  { side: 128, quality: 30 },
];

/** Photos stay lossy, drawings and screenshots (PNG) stay lossless; HEIC and AVIF become JPEG, which every viewer opens. */
function outputType(input: ImageType): ProcessedImage['mediaType'] {
  if (input === 'image/png') return 'image/png';
  if (input === 'image/webp') return 'image/webp';
  return 'image/jpeg';
}

export async function processImage(input: Buffer, inputType: ImageType, options: PipelineOptions): Promise<ProcessedImage> {
  // failOn 'error': a truncated or damaged file is refused rather than shown half grey.
  const source = () => sharp(input, { failOn: 'error', limitInputPixels: 120_000_000 });
  const mediaType = outputType(inputType);
  const exif = readExif((await source().metadata()).exif);
  const place = options.keepLocation && exif.latitude !== null && exif.longitude !== null ? { latitude: exif.latitude, longitude: exif.longitude } : { latitude: null, longitude: null };
  let pipeline = source()
    .rotate()
    .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  pipeline =
    mediaType === 'image/png'
      ? pipeline.png({ compressionLevel: 9 })
      : mediaType === 'image/webp'
        ? pipeline.webp({ quality: 85 })
        : pipeline.jpeg({ quality: 85, mozjpeg: true });
  const original = await pipeline.toBuffer({ resolveWithObject: true });

  let thumb: { data: Buffer; info: OutputInfo } | null = null;
  for (const step of THUMBNAIL_STEPS) {
    thumb = await sharp(original.data)
      .resize({ width: step.side, height: step.side, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: step.quality })
      .toBuffer({ resolveWithObject: true });
    if (thumb.data.length <= THUMBNAIL_TARGET_BYTES) break;
  }
  if (thumb && thumb.data.length <= THUMBNAIL_MAX_BYTES) {
    return {
      original: original.data,
      mediaType,
      width: original.info.width,
      height: original.info.height,
      thumbnail: thumb.data,
      thumbnailType: 'image/webp',
      thumbnailWidth: thumb.info.width,
      thumbnailHeight: thumb.info.height,
      takenAt: exifMoment(exif.dateTimeOriginal, exif.offsetTimeOriginal),
      ...place,
    };
  }
  throw new Error('the thumbnail could not be made small enough');
}
