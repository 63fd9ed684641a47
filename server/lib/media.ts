/**
 * Uploaded media: the type is decided by the file's magic bytes (never its name or declared type), and
 * location metadata is removed from images before they are stored (EXIF in JPEG APP1 and WebP, PNG eXIf).
 */

export interface Sniffed {
  kind: 'photo' | 'voice';
  mime: string;
  ext: string;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, s: string) => starts(b, [...s].map((c) => c.charCodeAt(0)), at);

/** The media type by content, or null for anything not accepted. */
export function sniff(b: Uint8Array): Sniffed | null {
  if (starts(b, [0xff, 0xd8, 0xff])) return { kind: 'photo', mime: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'photo', mime: 'image/png', ext: 'png' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'photo', mime: 'image/webp', ext: 'webp' };
  if (ascii(b, 0, '#!AMR')) return { kind: 'voice', mime: 'audio/amr', ext: 'amr' };
  if (ascii(b, 0, 'OggS')) return { kind: 'voice', mime: 'audio/ogg', ext: 'ogg' };
  if (starts(b, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'voice', mime: 'audio/webm', ext: 'webm' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return { kind: 'voice', mime: 'audio/wav', ext: 'wav' };
  if (ascii(b, 4, 'ftyp') && (ascii(b, 8, 'M4A ') || ascii(b, 8, 'mp42') || ascii(b, 8, 'isom'))) return { kind: 'voice', mime: 'audio/mp4', ext: 'm4a' };
  if (ascii(b, 0, 'ID3') || starts(b, [0xff, 0xfb]) || starts(b, [0xff, 0xf3])) return { kind: 'voice', mime: 'audio/mpeg', ext: 'mp3' };
  return null;
}

/** Image width and height from the header (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X), or null. */
export function imageSize(b: Uint8Array): { width: number; height: number } | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47])) return { width: readU32(b, 16), height: readU32(b, 20) };
  if (starts(b, [0xff, 0xd8])) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const len = (b[i + 2]! << 8) | b[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
      i += 2 + len;
    }
    return null;
  }
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) {
    if (ascii(b, 12, 'VP8X')) return { width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
    if (ascii(b, 12, 'VP8 ')) return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
    if (ascii(b, 12, 'VP8L')) {
      const v = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { width: (v & 0x3fff) + 1, height: ((v >> 14) & 0x3fff) + 1 };
    }
  }
  return null;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A copy of the image without EXIF/XMP metadata (GPS position, camera, time); other files unchanged. */
export function stripMetadata(b: Uint8Array): Uint8Array {
  if (starts(b, [0xff, 0xd8])) return stripJpeg(b);
  if (starts(b, [0x89, 0x50, 0x4e, 0x47])) return stripPng(b);
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return stripWebp(b);
  return b;
}

function stripJpeg(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // APP1 (EXIF, XMP) and APP13 (IPTC/Photoshop) carry location and identity; drop them.
    if (marker !== 0xe1 && marker !== 0xed) out.push(b.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  out.push(b.subarray(i));
  return concat(out);
}

function stripPng(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = readU32(b, i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + len;
    if (!['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'].includes(type)) out.push(b.subarray(i, end));
    i = end;
  }
  return concat(out);
}

function stripWebp(b: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    const len = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
    const end = i + 8 + len + (len % 2);
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = b.slice(i, end);
      // VP8X flags say which metadata chunks follow: clear the EXIF (0x08) and XMP (0x04) bits.
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  const size = body.length + 4;
  header[4] = size & 0xff;
  header[5] = (size >> 8) & 0xff;
  header[6] = (size >> 16) & 0xff;
  header[7] = (size >> 24) & 0xff;
  return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
