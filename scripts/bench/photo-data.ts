/** Photo-like test images, made with sharp: gradients plus noise, so they compress like real photos. */
import sharp from 'sharp';

export async function makePhoto(width: number, height: number, options: { orientation?: number; seed?: number } = {}): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let state = (options.seed ?? 1) >>> 0 || 1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = (state >>> 0) % 24;
      const i = (y * width + x) * channels;
      pixels[i] = ((x * 255) / width + noise) & 0xff;
      pixels[i + 1] = ((y * 255) / height + noise) & 0xff;
      pixels[i + 2] = (((x + y) * 127) / (width + height) + noise) & 0xff;
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } }).jpeg({ quality: 90 });
  // orientation 6: the camera was turned 90°, the pixels are stored sideways.
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toBuffer();
}
