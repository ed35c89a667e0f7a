/**
 * Re-encodes stored images as JPEG for the PDF report (pdfkit embeds only
 * JPEG and PNG; thumbnails and some originals are WebP). The bytes may come
 * from another laptop through the object store, so, like capture, they are
 * decoded in the image child process, all of one report's in one run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeChildRunner, type ChildRunner } from '../db/child-runner.js';
import { imageChildScript } from './image-capture.js';

const CONVERT_TIMEOUT_MS = 60_000;

/** One JPEG per input, or null for an input the decoder could not read. */
export async function convertToJpeg(images: readonly Uint8Array[], runChild: ChildRunner = nodeChildRunner, script: string = imageChildScript()): Promise<(Buffer | null)[]> {
  if (images.length === 0) return [];
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'fieldbook-convert-'));
  try {
    await Promise.all(images.map((bytes, i) => fs.promises.writeFile(path.join(work, `in-${i}`), bytes, { mode: 0o600 })));
    const outcome = await runChild(script, ['--to-jpeg', work, String(images.length)], CONVERT_TIMEOUT_MS);
    if (outcome.code !== 0 && !outcome.stdout.includes('CONVERTED')) {
      throw new Error(`the image decoder stopped (${outcome.timedOut ? 'it took too long' : (outcome.signal ?? outcome.code)})`);
    }
    return Promise.all(images.map((_, i) => fs.promises.readFile(path.join(work, `out-${i}`)).catch(() => null)));
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
