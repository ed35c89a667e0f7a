/**
 * Decodes one untrusted photo in its own process, so a crash in a native
 * decoder ends this process, not the app holding the database.
 * Usage: image-child <input file> <output dir> <options JSON>
 * Writes `original` and `thumbnail` into the output dir and prints one line
 * `RESULT {…}` (or `FAILED <message>`).
 * Or: image-child --to-jpeg <dir> <count>: re-encodes `in-0`… as `out-0`… (JPEG)
 * for reports, skipping what it cannot read, and prints `CONVERTED <n>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { processImage, type PipelineOptions } from './image-pipeline.js';
import type { ImageType } from './image-sniff.js';

interface ChildOptions extends PipelineOptions {
  inputType: ImageType;
}

async function toJpeg(dir: string, count: number): Promise<void> {
  let converted = 0;
  for (let i = 0; i < count; i += 1) {
    try {
      await sharp(path.join(dir, `in-${i}`)).jpeg({ quality: 88 }).toFile(path.join(dir, `out-${i}`));
      converted += 1;
    } catch {
      // Unreadable: no out file; the report names the image as such.
    }
  }
  process.stdout.write(`CONVERTED ${converted}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--to-jpeg') return toJpeg(process.argv[3] ?? '', Number(process.argv[4] ?? 0));
  const [input, outDir, json] = process.argv.slice(2);
  if (!input || !outDir || !json) throw new Error('usage: image-child <input> <outDir> <options JSON>');
  const options = JSON.parse(json) as ChildOptions;
  const result = await processImage(fs.readFileSync(input), options.inputType, options);
  fs.writeFileSync(path.join(outDir, 'original'), result.original, { mode: 0o600 });
  fs.writeFileSync(path.join(outDir, 'thumbnail'), result.thumbnail, { mode: 0o600 });
  const { original: _original, thumbnail: _thumbnail, ...meta } = result;
  process.stdout.write(`RESULT ${JSON.stringify(meta)}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`FAILED ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}\n`);
  process.exitCode = 1;
});
