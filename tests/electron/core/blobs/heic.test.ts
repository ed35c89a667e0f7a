/**
 * HEIC from phones: the installed sharp cannot decode HEVC, so a HEIC file is
 * told apart from AVIF by its `ftyp` brands and refused in plain words before
 * the decoder runs; AVIF (the same container, AV1 inside) still goes through.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../shared/domain/attachments.js';
import type { Job } from '../../../../shared/domain/jobs.js';
import { DEFAULT_CAPTURE_LIMITS, checkPhotoFile } from '../../../../electron/core/blobs/image-capture.js';
import { ftypBrands, HEIC_DECODABLE, sniffImageType } from '../../../../electron/core/blobs/image-sniff.js';
import { invoke, startTestCore } from '../../../helpers/core.js';
import { base64, makePhoto } from '../../../helpers/photos.js';

/** An ISO-BMFF box: 32-bit size, four-letter type, payload. */
function box(type: string, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** The start of a HEIC file as an iPhone writes it: ftyp (heic; mif1, miaf, MiHB, heic), then the meta box's header. */
function heicStart(major = 'heic', compatible = ['mif1', 'miaf', 'MiHB', 'heic']): Buffer {
  const ftyp = box('ftyp', Buffer.from(`${major}\0\0\0\0${compatible.join('')}`, 'latin1'));
  const hdlr = box('hdlr', Buffer.concat([Buffer.alloc(4), Buffer.alloc(4), Buffer.from('pict', 'latin1'), Buffer.alloc(13)]));
  const meta = box('meta', Buffer.concat([Buffer.alloc(4), hdlr]));
  return Buffer.concat([ftyp, meta, Buffer.alloc(256, 0x11)]);
}

describe('HEIC photos', () => {
  it('the installed sharp build reads AVIF but not HEIC, as Fieldbook assumes', () => {
    const suffixes = sharp.format.heif.input.fileSuffix ?? [];
    expect(suffixes).toContain('.avif');
    // If this fails the build now decodes HEVC: set HEIC_DECODABLE and test real HEIC decoding.
    expect(suffixes.includes('.heic')).toBe(HEIC_DECODABLE);
  });

  it('tells HEIC from AVIF by the ftyp brands, within the bytes there are', () => {
    expect(sniffImageType(heicStart())).toBe('image/heic');
    expect(sniffImageType(heicStart('mif1', ['mif1', 'heic']))).toBe('image/heic');
    expect(sniffImageType(heicStart('heix', ['mif1']))).toBe('image/heic');
    expect(sniffImageType(heicStart('mif1', ['mif1', 'miaf', 'avif']))).toBe('image/avif');
    expect(sniffImageType(heicStart('avif', ['mif1', 'miaf']))).toBe('image/avif');
    expect(sniffImageType(heicStart('isom', ['mp41']))).toBeNull(); // an MP4 video
    // Truncated anywhere, or a size larger than the file: never reads past the end.
    const whole = heicStart();
    for (let length = 0; length <= 40; length += 1) {
      const cut = whole.subarray(0, length);
      const brands = ftypBrands(cut);
      if (brands) expect(brands.every((b) => b.length === 4)).toBe(true);
      expect([null, 'image/heic']).toContain(sniffImageType(cut));
    }
    const lying = Buffer.from(whole);
    lying.writeUInt32BE(0xffffffff, 0);
    expect(ftypBrands(lying.subarray(0, 30))).toHaveLength(4);
  });

  it('refuses a HEIC file in plain words and adds nothing; an AVIF photo is taken', async () => {
    expect(() => checkPhotoFile(heicStart(), DEFAULT_CAPTURE_LIMITS)).toThrow("HEIC photos can't be read yet: export as JPEG");
    const core = await startTestCore({ photos: { defaultObjectStore: null } });
    const job = await invoke<Job>(core, 'jobs.create', { title: 'Roof' });
    const refused = await core.dispatch('attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(heicStart()) });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining("HEIC photos can't be read yet: export as JPEG") });
    expect(await invoke<Attachment[]>(core, 'attachments.list', { jobId: job.id })).toEqual([]);
    expect(core.photos.queue.list()).toEqual([]);

    const avif = await sharp(await makePhoto(320, 240)).avif({ quality: 50 }).toBuffer();
    expect(sniffImageType(avif)).toBe('image/avif');
    const added = await invoke<Attachment>(core, 'attachments.add', { ownerType: 'job', ownerId: job.id, data: base64(avif) });
    expect(added).toMatchObject({ mediaType: 'image/jpeg', width: 320, height: 240 });
  });
});
