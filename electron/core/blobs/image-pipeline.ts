/**
 * The sharp pipeline a captured photo goes through: decode (untrusted bytes:
 * this runs in a child process, see image-child.ts), turn upright by its EXIF
 * orientation, downscale to the configured longest side, re-encode without
 * metadata (unless the worker keeps the location, which lives in EXIF), and
 * derive the thumbnail that goes into the replica.
 */
import sharp, { type OutputInfo } from 'sharp';
import type { ImageType } from './image-sniff.js';

export interface PipelineOptions {
  maxSide: number;
  /** Keep EXIF (GPS position, time taken) in the stored original. */
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
  let pipeline = source()
    .rotate()
    .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  if (options.keepLocation) pipeline = pipeline.keepExif();
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
    };
  }
  throw new Error('the thumbnail could not be made small enough');
}
