/**
 * The few EXIF tags Fieldbook keeps from a photo: when it was taken
 * (DateTimeOriginal, with OffsetTimeOriginal when the camera wrote one) and
 * where (the GPS position). No parser is installed and these four tags do not
 * justify a dependency, so this reads them from the TIFF structure sharp hands
 * over (`metadata().exif`), checking every offset against the bytes there are:
 * the file is untrusted (it runs in the image child process), and anything
 * malformed simply yields no value, never an exception or a read past the end.
 */

export interface ExifFacts {
  /** "2025:06:14 09:30:15" as the camera wrote it (its local time), or null. */
  dateTimeOriginal: string | null;
  /** "+02:00", or null when the camera wrote no offset. */
  offsetTimeOriginal: string | null;
  /** Degrees, north and east positive, or null. */
  latitude: number | null;
  longitude: number | null;
}

const NONE: ExifFacts = { dateTimeOriginal: null, offsetTimeOriginal: null, latitude: null, longitude: null };

const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  offsetTimeOriginal: 0x9011,
  latitudeRef: 0x0001,
  latitude: 0x0002,
  longitudeRef: 0x0003,
  longitude: 0x0004,
} as const;

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };
/** No real IFD has more entries than this; a larger count is damage. */
const MAX_ENTRIES = 512;

interface Entry {
  type: number;
  count: number;
  /** Where the value's bytes start (inline in the entry when they fit in 4). */
  at: number;
}

class Tiff {
  private constructor(
    private readonly view: DataView,
    private readonly little: boolean,
  ) {}

  static open(bytes: Uint8Array): Tiff | null {
    // sharp gives the APP1 payload: "Exif\0\0" then the TIFF header.
    let start = 0;
    if (bytes.length >= 6 && bytes[0] === 0x45 && bytes[1] === 0x78 && bytes[2] === 0x69 && bytes[3] === 0x66 && bytes[4] === 0 && bytes[5] === 0) start = 6;
    if (bytes.length - start < 8) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
    const order = view.getUint16(0);
    if (order !== 0x4949 && order !== 0x4d4d) return null;
    const tiff = new Tiff(view, order === 0x4949);
    return tiff.u16(2) === 42 ? tiff : null;
  }

  get length(): number {
    return this.view.byteLength;
  }

  u16(at: number): number | null {
    return at >= 0 && at + 2 <= this.length ? this.view.getUint16(at, this.little) : null;
  }

  u32(at: number): number | null {
    return at >= 0 && at + 4 <= this.length ? this.view.getUint32(at, this.little) : null;
  }

  firstIfd(): number | null {
    return this.u32(4);
  }

  /** The entries of the IFD at `offset`, by tag; null when the IFD does not fit. */
  ifd(offset: number): Map<number, Entry> | null {
    const count = this.u16(offset);
    if (count === null || count > MAX_ENTRIES || offset + 2 + count * 12 > this.length) return null;
    const entries = new Map<number, Entry>();
    for (let i = 0; i < count; i += 1) {
      const base = offset + 2 + i * 12;
      const tag = this.u16(base)!;
      const type = this.u16(base + 2)!;
      const n = this.u32(base + 4)!;
      const size = TYPE_SIZE[type];
      if (size === undefined || n > this.length) continue;
      const bytes = size * n;
      const at = bytes <= 4 ? base + 8 : this.u32(base + 8)!;
      if (at + bytes > this.length) continue;
      if (!entries.has(tag)) entries.set(tag, { type, count: n, at });
    }
    return entries;
  }

  ascii(entry: Entry | undefined): string | null {
    if (!entry || entry.type !== 2 || entry.count === 0) return null;
    let text = '';
    for (let i = 0; i < entry.count; i += 1) {
      const c = this.view.getUint8(entry.at + i);
      if (c === 0) break;
      if (c < 0x20 || c > 0x7e) return null;
      text += String.fromCharCode(c);
    }
    return text;
  }

  /** Unsigned rationals (type 5) as numbers; null if any has a zero denominator. */
  rationals(entry: Entry | undefined, count: number): number[] | null {
    if (!entry || entry.type !== 5 || entry.count < count) return null;
    const values: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const num = this.u32(entry.at + i * 8)!;
      const den = this.u32(entry.at + i * 8 + 4)!;
      if (den === 0) return null;
      values.push(num / den);
    }
    return values;
  }

  pointer(entry: Entry | undefined): number | null {
    if (!entry || entry.count !== 1) return null;
    if (entry.type === 4) return this.u32(entry.at);
    if (entry.type === 3) return this.u16(entry.at);
    return null;
  }
}

function coordinate(tiff: Tiff, gps: Map<number, Entry>, valueTag: number, refTag: number, limit: number, negative: string): number | null {
  const dms = tiff.rationals(gps.get(valueTag), 3);
  const ref = tiff.ascii(gps.get(refTag));
  if (!dms || ref === null) return null;
  const [deg, min, sec] = dms as [number, number, number];
  if (min >= 60 || sec >= 60) return null;
  const value = deg + min / 60 + sec / 3600;
  if (!Number.isFinite(value) || value > limit) return null;
  return ref.toUpperCase() === negative ? -value : value;
}

export function readExif(bytes: Uint8Array | null | undefined): ExifFacts {
  if (!bytes) return NONE;
  const tiff = Tiff.open(bytes);
  const first = tiff?.firstIfd();
  if (!tiff || first === null || first === undefined) return NONE;
  const ifd0 = tiff.ifd(first);
  if (!ifd0) return NONE;
  const facts: ExifFacts = { ...NONE };
  const exifAt = tiff.pointer(ifd0.get(TAG.exifIfd));
  const exif = exifAt !== null && exifAt !== first ? tiff.ifd(exifAt) : null;
  if (exif) {
    facts.dateTimeOriginal = tiff.ascii(exif.get(TAG.dateTimeOriginal));
    facts.offsetTimeOriginal = tiff.ascii(exif.get(TAG.offsetTimeOriginal));
  }
  const gpsAt = tiff.pointer(ifd0.get(TAG.gpsIfd));
  const gps = gpsAt !== null && gpsAt !== first ? tiff.ifd(gpsAt) : null;
  if (gps) {
    const latitude = coordinate(tiff, gps, TAG.latitude, TAG.latitudeRef, 90, 'S');
    const longitude = coordinate(tiff, gps, TAG.longitude, TAG.longitudeRef, 180, 'W');
    // Half a position is no position.
    if (latitude !== null && longitude !== null) {
      facts.latitude = latitude;
      facts.longitude = longitude;
    }
  }
  return facts;
}

/**
 * The moment an EXIF DateTimeOriginal names, as an ISO instant: with the
 * camera's offset when it wrote one, else read as this computer's local time
 * (the camera's zone is unknown; the laptop is usually where the photo was
 * taken). Null for anything that is not a real date and time.
 */
export function exifMoment(dateTime: string | null, offset: string | null): string | null {
  const m = dateTime?.match(/^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const zone = offset?.match(/^([+-])(\d{2}):(\d{2})$/);
  if (zone && Number(zone[2]) <= 14 && Number(zone[3]) <= 59) {
    const sign = zone[1] === '-' ? -1 : 1;
    const utc = Date.UTC(year, month - 1, day, hour, minute, second) - sign * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000;
    return new Date(utc).toISOString();
  }
  return new Date(year, month - 1, day, hour, minute, second).toISOString();
}
