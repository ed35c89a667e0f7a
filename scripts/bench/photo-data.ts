/** Photo-like test images, made with sharp: gradients plus noise, so they compress like real photos. */
import sharp from 'sharp';

/**
 * `detail`: coarse random patches (a few pixels to 24 px) over the gradient, the kind of
 * structure real scenes have and a thumbnail keeps; without it the image is smooth
 * and its thumbnail unrealistically small.
 */
export async function makePhoto(width: number, height: number, options: { orientation?: number; seed?: number; detail?: boolean } = {}): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let state = (options.seed ?? 1) >>> 0 || 1;
  const block = 24;
  const columns = Math.ceil(width / block);
  const patches = new Int16Array(columns * Math.ceil(height / block));
  for (let i = 0; i < patches.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    patches[i] = options.detail ? ((state >>> 0) % 161) - 80 : 0;
  }
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = ((state >>> 0) % 24) + patches[Math.floor(y / block) * columns + Math.floor(x / block)]!;
      const i = (y * width + x) * channels;
      pixels[i] = clamp((x * 255) / width + noise);
      pixels[i + 1] = clamp((y * 255) / height + noise);
      pixels[i + 2] = clamp(((x + y) * 127) / (width + height) + noise);
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } }).jpeg({ quality: 90 });
  // orientation 6: the camera was turned 90°, the pixels are stored sideways.
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toBuffer();
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
