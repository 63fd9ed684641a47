/**
 * A small PNG writer (signature, chunks with their CRC, an image from filtered rows): the demo draws its letter
 * scans with it and the tests make their media fixtures; a few dozen lines, no image library.
 */
import { crc32, deflateSync } from 'node:zlib';

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** PNG colour types used here: 0 greyscale, 6 RGBA. */
export type PngColour = 0 | 6;

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** One chunk: length, type, data and the CRC of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** The IHDR chunk's data: size, 8-bit depth, colour type, no interlace. */
export function pngIhdr(width: number, height: number, colour: PngColour): Buffer {
  return Buffer.concat([u32(width), u32(height), Buffer.from([8, colour, 0, 0, 0])]);
}

/** A whole PNG from its rows (each starting with its filter byte), deflated into one IDAT. */
export function pngImage(width: number, height: number, colour: PngColour, rows: Buffer[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', pngIhdr(width, height, colour)), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}
