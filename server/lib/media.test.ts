import { describe, expect, it } from 'vitest';
import { imageSize, sniff, stripMetadata } from './media.ts';
import { jpegWithHiddenGps, pngWithHiddenGps, tinyJpegWithGps, tinyPng, webpWithHiddenGps } from '../test/media-fixtures.ts';

describe('uploaded media', () => {
  it('decides the type by content, not by name', () => {
    expect(sniff(tinyJpegWithGps())?.mime).toBe('image/jpeg');
    expect(sniff(tinyPng())?.mime).toBe('image/png');
    expect(sniff(new TextEncoder().encode('#!AMR\n....'))?.kind).toBe('voice');
    expect(sniff(new TextEncoder().encode('<script>alert(1)</script>'))).toBeNull();
    expect(sniff(new TextEncoder().encode('MZ\x90\x00 an exe named photo.jpg'))).toBeNull();
  });
  it('reads image dimensions', () => {
    expect(imageSize(tinyPng())).toEqual({ width: 1, height: 1 });
    expect(imageSize(tinyJpegWithGps())).toEqual({ width: 16, height: 8 });
  });
  it('removes EXIF (with its GPS position) from JPEG and keeps the picture', () => {
    const original = tinyJpegWithGps();
    const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
    expect(text(original)).toContain('Exif');
    expect(text(original)).toContain('GPS');
    const clean = stripMetadata(original);
    expect(text(clean)).not.toContain('Exif');
    expect(text(clean)).not.toContain('GPS');
    expect(imageSize(clean)).toEqual({ width: 16, height: 8 });
    expect(Buffer.from(clean.subarray(-2)).toString('hex')).toBe('ffd9');
  });
  const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

  it('drops JPEG comments, XMP, unknown APP segments and an appended second image, keeping JFIF, ICC, Adobe and the scan', () => {
    const original = jpegWithHiddenGps();
    expect(text(original).match(/GPS/g)!.length).toBeGreaterThanOrEqual(5);
    const clean = stripMetadata(original);
    expect(text(clean)).not.toContain('GPS');
    expect(text(clean)).not.toContain('Exif');
    for (const kept of ['JFIF', 'ICC_PROFILE', 'Adobe']) expect(text(clean)).toContain(kept);
    expect(imageSize(clean)).toEqual({ width: 16, height: 8 });
    // Exactly one image: one start and one end marker, the end last, and the scan bytes (stuffing, restart) intact.
    expect(text(clean).split('\xff\xd8').length - 1).toBe(1);
    expect(Buffer.from(clean.subarray(-2)).toString('hex')).toBe('ffd9');
    expect(Buffer.from(clean).toString('hex')).toContain('12ff0034ffd056ff00ffd9');
  });

  it('drops PNG text, eXIf and private chunks and anything after IEND, keeping the rendering chunks', () => {
    const clean = stripMetadata(pngWithHiddenGps());
    expect(text(clean)).not.toContain('GPS');
    for (const gone of ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'prVt']) expect(text(clean)).not.toContain(gone);
    expect(text(clean)).toContain('gAMA');
    expect(text(clean).endsWith('IEND\xae\x42\x60\x82')).toBe(true);
    expect(text(clean).split('IHDR').length - 1).toBe(1);
    expect(imageSize(clean)).toEqual({ width: 1, height: 1 });
  });

  it('drops WebP EXIF, XMP and unknown chunks and data past the RIFF length, and fixes the header', () => {
    const clean = stripMetadata(webpWithHiddenGps());
    expect(text(clean)).not.toContain('GPS');
    expect(text(clean)).toContain('VP8L');
    expect(clean[20]! & 0x0c).toBe(0); // VP8X no longer announces EXIF or XMP
    expect(Buffer.from(clean).readUInt32LE(4)).toBe(clean.length - 8);
    expect(sniff(clean)?.mime).toBe('image/webp');
  });
});
