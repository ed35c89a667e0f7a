/**
 * What an untrusted file really is, from its first bytes, before any decoder
 * sees it: only photos Fieldbook can show are taken.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/avif';

/** HEIF brands of HEVC-coded images (what iPhones and many Android phones send). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Generic HEIF brands: the codec is told by the other brands listed. */
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

/**
 * The brands of an ISO-BMFF `ftyp` box (major brand first, then the compatible
 * ones), read only within the box's declared size and the bytes there are.
 */
export function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 12) return null;
  const ascii = (start: number) => String.fromCharCode(bytes[start]!, bytes[start + 1]!, bytes[start + 2]!, bytes[start + 3]!);
  if (ascii(4) !== 'ftyp') return null;
  const declared = ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
  const end = Math.min(bytes.length, declared >= 16 ? declared : 12);
  const brands = [ascii(8)];
  // Bytes 12–15 are the minor version; compatible brands follow, four bytes each.
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(at));
  return brands;
}

function heifType(bytes: Uint8Array): ImageType | null {
  const brands = ftypBrands(bytes);
  if (!brands) return null;
  const [major] = brands;
  if (AVIF_BRANDS.has(major!)) return 'image/avif';
  if (HEIC_BRANDS.has(major!)) return 'image/heic';
  if (!HEIF_BRANDS.has(major!)) return null;
  // A generic HEIF file: AV1 when it says so, else (in practice) HEVC.
  return brands.some((b) => AVIF_BRANDS.has(b)) ? 'image/avif' : 'image/heic';
}

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const ascii = (start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return heifType(bytes);
}

/**
 * Whether the bundled decoder reads HEVC-coded HEIF. sharp's prebuilt libvips
 * ships libheif with AV1 only (HEVC is patent-encumbered), so it reads AVIF
 * and not HEIC; tests/electron/core/blobs/heic.test.ts checks this against the
 * installed build, so a build that gains HEIC is noticed.
 */
export const HEIC_DECODABLE = false;

export const HEIC_REFUSED = "HEIC photos can't be read yet: export as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and add it again.";

export const ACCEPTED_IMAGE_WORDS = HEIC_DECODABLE ? 'a JPEG, PNG, WebP, HEIC or AVIF photo' : 'a JPEG, PNG, WebP or AVIF photo';
