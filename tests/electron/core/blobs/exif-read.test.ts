/** The EXIF reader: what libvips writes, both byte orders, and damaged or cut-off data (never a throw, never a wrong value). */
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifMoment, readExif } from '../../../../electron/core/blobs/exif-read.js';

const LONDON = {
  IFD0: { Make: 'TestCam', Model: 'X1' },
  IFD2: { DateTimeOriginal: '2025:06:14 09:30:15', OffsetTimeOriginal: '+02:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2646/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3972/100' },
};

async function exifOf(exif: Record<string, Record<string, string>>): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).jpeg().withExif(exif).toBuffer();
  return (await sharp(jpeg).metadata()).exif!;
}

/** A big-endian TIFF with an Exif IFD (no offset) and a GPS IFD (south, east), built by hand. */
function bigEndianExif(): Buffer {
  const b = Buffer.alloc(200);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    b.writeUInt16BE(tag, at);
    b.writeUInt16BE(type, at + 2);
    b.writeUInt32BE(count, at + 4);
    if (typeof value === 'string') b.write(value, at + 8, 'latin1');
    else b.writeUInt32BE(value, at + 8);
  };
  const ifd = (at: number, entries: [tag: number, type: number, count: number, value: number | string][]) => {
    b.writeUInt16BE(entries.length, at);
    entries.forEach(([tag, type, count, value], i) => entry(at + 2 + i * 12, tag, type, count, value));
  };
  const rationals = (at: number, values: [number, number][]) =>
    values.forEach(([n, d], i) => {
      b.writeUInt32BE(n, at + i * 8);
      b.writeUInt32BE(d, at + i * 8 + 4);
    });
  // Layout: IFD0 @8, Exif IFD @40, GPS IFD @60 (to 114), date @120, latitude @140, longitude @164.
  ifd(8, [
    [0x8769, 4, 1, 40],
    [0x8825, 4, 1, 60],
  ]);
  ifd(40, [[0x9003, 2, 20, 120]]);
  ifd(60, [
    [1, 2, 2, 'S\0'],
    [2, 5, 3, 140],
    [3, 2, 2, 'E\0'],
    [4, 5, 3, 164],
  ]);
  b.write('2024:02:29 23:59:58\0', 120, 'latin1');
  rationals(140, [[33, 1], [52, 1], [42, 10]]);
  rationals(164, [[151, 1], [12, 1], [3, 1]]);
  return b;
}

describe('readExif', () => {
  it('reads the time taken, its offset and the GPS position libvips writes', async () => {
    const facts = readExif(await exifOf(LONDON));
    expect(facts.dateTimeOriginal).toBe('2025:06:14 09:30:15');
    expect(facts.offsetTimeOriginal).toBe('+02:00');
    expect(facts.latitude).toBeCloseTo(51 + 30 / 60 + 26.46 / 3600, 9);
    expect(facts.longitude).toBeCloseTo(-(7 / 60 + 39.72 / 3600), 9);
    expect(exifMoment(facts.dateTimeOriginal, facts.offsetTimeOriginal)).toBe('2025-06-14T07:30:15.000Z');
  });

  it('reads a big-endian file, south and east', () => {
    const facts = readExif(bigEndianExif());
    expect(facts.dateTimeOriginal).toBe('2024:02:29 23:59:58');
    expect(facts.offsetTimeOriginal).toBeNull();
    expect(facts.latitude).toBeCloseTo(-(33 + 52 / 60 + 4.2 / 3600), 9);
    expect(facts.longitude).toBeCloseTo(151 + 12 / 60 + 3 / 3600, 9);
  });

  it('gives nothing for a photo without those tags, and no half position', async () => {
    expect(readExif(await exifOf({ IFD0: { Make: 'TestCam' } }))).toEqual({ dateTimeOriginal: null, offsetTimeOriginal: null, latitude: null, longitude: null });
    const latOnly = readExif(await exifOf({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '10/1 0/1 0/1' } }));
    expect([latOnly.latitude, latOnly.longitude]).toEqual([null, null]);
    expect(readExif(undefined).latitude).toBeNull();
    expect(readExif(Buffer.from('Exif\0\0')).dateTimeOriginal).toBeNull();
  });

  it('cut off anywhere, it never throws and never invents a value', async () => {
    const whole = await exifOf(LONDON);
    const full = readExif(whole);
    for (let length = 0; length < whole.length; length += 1) {
      const facts = readExif(whole.subarray(0, length));
      // Each value is either the right one or absent.
      expect([null, full.dateTimeOriginal]).toContain(facts.dateTimeOriginal);
      expect([null, full.offsetTimeOriginal]).toContain(facts.offsetTimeOriginal);
      expect([null, full.latitude]).toContain(facts.latitude);
      expect([null, full.longitude]).toContain(facts.longitude);
    }
  });

  it('damaged bytes never throw, and any position read is a real one', async () => {
    const whole = await exifOf(LONDON);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), (flips) => {
        const damaged = Buffer.from(whole);
        for (const [at, value] of flips) damaged[at] = value;
        const facts = readExif(damaged);
        if (facts.latitude !== null) expect(Math.abs(facts.latitude)).toBeLessThanOrEqual(90);
        if (facts.longitude !== null) expect(Math.abs(facts.longitude)).toBeLessThanOrEqual(180);
        expect((facts.latitude === null) === (facts.longitude === null)).toBe(true);
        if (facts.dateTimeOriginal !== null) expect(facts.dateTimeOriginal).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        readExif(Buffer.concat([Buffer.from('Exif\0\0II*\0\x08\0\0\0', 'latin1'), bytes]));
        readExif(bytes);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('exifMoment', () => {
  it('uses the camera offset when there is one, else this computer’s local time; refuses what is not a real moment', () => {
    expect(exifMoment('2025:06:14 09:30:15', '-05:30')).toBe('2025-06-14T15:00:15.000Z');
    expect(exifMoment('2025:06:14 09:30:15', null)).toBe(new Date(2025, 5, 14, 9, 30, 15).toISOString());
    expect(exifMoment('2025:06:14 09:30:15', 'garbage')).toBe(new Date(2025, 5, 14, 9, 30, 15).toISOString());
    for (const bad of ['0000:00:00 00:00:00', '2025:02:29 10:00:00', '2025:13:01 10:00:00', '2025:06:14 24:00:00', '2025-06-14', '', null]) {
      expect(exifMoment(bad, null), String(bad)).toBeNull();
    }
    expect(exifMoment('2024:02:29 10:00:00', '+00:00')).toBe('2024-02-29T10:00:00.000Z');
  });
});
