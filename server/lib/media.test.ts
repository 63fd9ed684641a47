import { describe, expect, it } from 'vitest';
import { imageSize, sniff, stripMetadata } from './media.ts';
import { tinyJpegWithGps, tinyPng } from '../test/media-fixtures.ts';

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
});
