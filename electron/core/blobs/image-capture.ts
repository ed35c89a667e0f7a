/**
 * Turns a file the worker picked into a stored photo: checks size and type
 * (magic bytes, never the name), then decodes it in a child process (a native
 * decoder crash must not take the database with it) and returns what the
 * pipeline produced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors.js';
import { nodeChildRunner, type ChildRunner } from '../db/child-runner.js';
import type { ProcessedImage } from './image-pipeline.js';
import { ACCEPTED_IMAGE_WORDS, HEIC_DECODABLE, HEIC_REFUSED, sniffImageType } from './image-sniff.js';

export interface CaptureLimits {
  /** Largest file taken, before downscaling (default 25 MB). */
  maxBytes: number;
  /** Longest side of the stored original (default 2048 px). */
  maxSide: number;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { maxBytes: 25 * 1024 * 1024, maxSide: 2048 };
const DECODE_TIMEOUT_MS = 60_000;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** The child script beside this module: `image-child.js` next to the bundle, else the source. */
export function imageChildScript(moduleUrl: string = import.meta.url): string {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  const built = path.join(dir, 'image-child.js');
  return fs.existsSync(built) ? built : path.join(dir, 'image-child.ts');
}

/** Refuses what is not a photo or is too large, in words the worker understands. */
export function checkPhotoFile(bytes: Uint8Array, limits: CaptureLimits) {
  if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'The photo file is empty.', 'data');
  if (bytes.length > limits.maxBytes) {
    throw new AppError(
      'INVALID_INPUT',
      `The photo is too large: ${megabytes(bytes.length)}, and Fieldbook takes photos up to ${megabytes(limits.maxBytes)}.`,
      'data',
    );
  }
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('INVALID_INPUT', `This file is not a photo Fieldbook can read: choose ${ACCEPTED_IMAGE_WORDS}.`, 'data');
  // Refused before the decoder runs: it would only fail, in words about codecs.
  if (type === 'image/heic' && !HEIC_DECODABLE) throw new AppError('INVALID_INPUT', HEIC_REFUSED, 'data');
  return type;
}

export async function decodePhoto(
  bytes: Uint8Array,
  options: { limits: CaptureLimits; keepLocation: boolean; runChild?: ChildRunner; script?: string },
): Promise<ProcessedImage> {
  const inputType = checkPhotoFile(bytes, options.limits);
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'fieldbook-photo-'));
  try {
    const input = path.join(work, 'input');
    await fs.promises.writeFile(input, bytes, { mode: 0o600 });
    const args = [input, work, JSON.stringify({ inputType, maxSide: options.limits.maxSide, keepLocation: options.keepLocation })];
    const outcome = await (options.runChild ?? nodeChildRunner)(options.script ?? imageChildScript(), args, DECODE_TIMEOUT_MS);
    const line = outcome.stdout.split('\n').find((l) => l.startsWith('RESULT ') || l.startsWith('FAILED '));
    if (!line?.startsWith('RESULT ')) {
      const why = line ? line.slice('FAILED '.length) : outcome.timedOut ? 'it took too long' : `the decoder stopped (${outcome.signal ?? outcome.code})`;
      throw new AppError('INVALID_INPUT', `This photo could not be read (${why}). Nothing was added.`, 'data');
    }
    const meta = JSON.parse(line.slice('RESULT '.length)) as Omit<ProcessedImage, 'original' | 'thumbnail'>;
    return {
      ...meta,
      original: await fs.promises.readFile(path.join(work, 'original')),
      thumbnail: await fs.promises.readFile(path.join(work, 'thumbnail')),
    };
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
