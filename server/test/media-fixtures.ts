/** Small valid-looking media files made in code (no binary fixtures in the repository). */
import { PNG_SIGNATURE, pngChunk as chunk, pngIhdr, pngImage } from '../lib/png.ts';

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
  return new Uint8Array(Buffer.concat([PNG_SIGNATURE, chunk('IHDR', pngIhdr(width, height, 6)), chunk('IEND', Buffer.alloc(0))]));
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);

/**
 * A JPEG hiding GPS text everywhere a careless stripper misses it: a comment (COM), XMP and an unknown APP5,
 * next to the segments that must stay (JFIF APP0, ICC APP2, Adobe APP14); scan data with stuffed 0xFF bytes and a
 * restart marker; and after the end-of-image marker, a second JPEG with its own EXIF GPS.
 */
export function jpegWithHiddenGps(): Uint8Array {
  const gps = (s: string) => Buffer.from(s, 'latin1');
  const app0 = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  const icc = seg(0xe2, Buffer.concat([gps('ICC_PROFILE\0'), Buffer.from([1, 1]), gps('fake-profile')]));
  const adobe = seg(0xee, gps('Adobe\0\x64\0\0\0\0\x01'));
  const com = seg(0xfe, gps('GPSLatitude=37.0512 GPSLongitude=101.0534 (comment)'));
  const xmp = seg(0xe1, gps('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude="37,3.07N"/>'));
  const app5 = seg(0xe5, gps('VENDOR GPS 37.0512,101.0534'));
  const sof0 = seg(0xc0, Buffer.concat([Buffer.from([8]), u16(8), u16(16), Buffer.from([1, 1, 0x11, 0])]));
  const sos = seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0]));
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00]);
  const first = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, icc, adobe, com, xmp, app5, sof0, sos, scan, Buffer.from([0xff, 0xd9])]);
  return new Uint8Array(Buffer.concat([first, Buffer.from(tinyJpegWithGps()), gps('trailing GPS 37.0512')]));
}

/** A 1×1 PNG with GPS in tEXt, zTXt, iTXt, eXIf and a private chunk, and a second PNG appended after IEND. */
export function pngWithHiddenGps(): Uint8Array {
  // A well-formed 1×1 RGBA PNG (its IDAT really deflated), so every chunk boundary is where it says.
  const png = pngImage(1, 1, 6, [Buffer.from([0, 255, 0, 0, 255])]);
  const iend = png.length - 12;
  const text = (s: string) => Buffer.from(s, 'latin1');
  const extra = Buffer.concat([
    chunk('tEXt', text('Comment\0GPS 37.0512,101.0534')),
    chunk('zTXt', text('GPS\0\0x-not-really-compressed')),
    chunk('iTXt', text('XML:com.adobe.xmp\0\0\0\0\0GPSLatitude 37.0512')),
    chunk('eXIf', text('II*\0GPSLatitude=37.0512')),
    chunk('prVt', text('GPS 37.0512')),
    chunk('gAMA', u32(45455)),
  ]);
  return new Uint8Array(Buffer.concat([png.subarray(0, iend), extra, png.subarray(iend), png, text('tEXtGPS 37.0512')]));
}

/** A WebP (VP8X + a tiny VP8L) with EXIF, XMP and an unknown chunk holding GPS, and data past the RIFF length. */
export function webpWithHiddenGps(): Uint8Array {
  const le32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const rc = (type: string, data: Buffer) => Buffer.concat([Buffer.from(type, 'latin1'), le32(data.length), data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
  const vp8x = rc('VP8X', Buffer.from([0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0])); // EXIF and XMP flags set, 1×1
  const vp8l = rc('VP8L', Buffer.from([0x2f, 0, 0, 0, 0, 0x07, 0x10, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]));
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, vp8l, rc('EXIF', Buffer.from('II*\0GPSLatitude=37.0512', 'latin1')), rc('XMP ', Buffer.from('<x:xmpmeta GPSLatitude="37.0512"/>', 'latin1')), rc('GPSX', Buffer.from('GPS 37.0512', 'latin1'))]);
  return new Uint8Array(Buffer.concat([Buffer.from('RIFF', 'latin1'), le32(body.length), body, Buffer.from('appended GPS 37.0512', 'latin1')]));
}
