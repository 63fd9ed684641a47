/** Small valid-looking media files made in code (no binary fixtures in the repository). */
import { crc32 } from 'node:zlib';

/** A 1×1 PNG. */
export function tinyPng(): Uint8Array {
  return Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
}

/** A JPEG header with an EXIF APP1 segment holding a fake GPS IFD, a 16×8 SOF0, and an end marker. */
export function tinyJpegWithGps(): Uint8Array {
  const exifPayload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('II*\0GPSLatitude=37.05;GPSLongitude=101.05', 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exifPayload.length + 2), exifPayload]);
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0]), u16(16), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')]);
  const sof0 = Buffer.concat([Buffer.from([0xff, 0xc0]), u16(11), Buffer.from([8]), u16(8), u16(16), Buffer.from([1, 1, 0x11, 0])]);
  const sos = Buffer.concat([Buffer.from([0xff, 0xda]), u16(8), Buffer.from([1, 1, 0, 0, 0x3f, 0]), Buffer.from([0x12, 0x34, 0x56])]);
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8]), app0, app1, sof0, sos, Buffer.from([0xff, 0xd9])]));
}

function u16(n: number): Buffer {
  return Buffer.from([(n >> 8) & 0xff, n & 0xff]);
}

/** A PNG signature and IHDR chunk declaring `width`×`height` (a few dozen bytes claiming any canvas). */
export function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = Buffer.concat([Buffer.from('IHDR', 'latin1'), u32(width), u32(height), Buffer.from([8, 6, 0, 0, 0])]);
  return new Uint8Array(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), u32(13), ihdr, u32(crc32(ihdr)), Buffer.from('0000000049454e44ae426082', 'hex')]));
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
