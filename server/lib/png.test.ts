import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk, pngImage } from './png.ts';

describe('the PNG writer', () => {
  it('writes chunks with the CRC of their type and data', () => {
    expect(pngChunk('IEND', Buffer.alloc(0)).toString('hex')).toBe('0000000049454e44ae426082');
  });

  it('writes an image whose IHDR holds its size and colour and whose IDAT inflates to its rows', () => {
    const rows = [Buffer.from([0, 10, 20]), Buffer.from([0, 30, 40])];
    const png = pngImage(2, 2, 0, rows);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([2, 2, 8, 0]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).equals(Buffer.concat(rows))).toBe(true);
    expect(png.subarray(-12).toString('hex')).toBe('0000000049454e44ae426082');
  });
});
