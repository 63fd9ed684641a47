/**
 * Uploaded media: the type is decided by the file's magic bytes (never its name or declared type), and
 * metadata is removed from images before they are stored: only the segments and chunks needed to render are
 * kept (an allow-list, so GPS text in a comment, an unknown segment or an appended second image cannot survive).
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

/** A copy of the image with only what renders it (no EXIF/XMP/comments/text, nothing appended); other files unchanged. */
export function stripMetadata(b: Uint8Array): Uint8Array {
  if (starts(b, [0xff, 0xd8])) return stripJpeg(b);
  if (starts(b, [0x89, 0x50, 0x4e, 0x47])) return stripPng(b);
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return stripWebp(b);
  return b;
}

// JPEG segments kept: APP0 only as JFIF/JFXX, APP2 only as an ICC profile, APP14 only as Adobe (colour transform);
// every other APPn (EXIF, XMP, IPTC, maker notes…) and every COM (free text) goes. The picture's own segments stay.
const keepJpegApp = (marker: number, b: Uint8Array, at: number) =>
  (marker === 0xe0 && (ascii(b, at, 'JFIF\0') || ascii(b, at, 'JFXX\0'))) || (marker === 0xe2 && ascii(b, at, 'ICC_PROFILE\0')) || (marker === 0xee && ascii(b, at, 'Adobe'));

/**
 * JPEG without metadata segments and without anything after the end-of-image marker (a second, appended image
 * with its own EXIF, or any data). Scans are walked to find where the image really ends: inside entropy-coded
 * data 0xFF is followed by 0x00 (stuffing) or a restart marker, so the first other marker ends the scan.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return concat(out); // not a marker where one must be: keep what is known good
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      out.push(b.subarray(i, i + 2)); // end of image: whatever follows is dropped
      return concat(out);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2)); // markers without a length
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return concat(out);
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    const end = Math.min(b.length, i + 2 + len);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!(isApp && !keepJpegApp(marker, b, i + 4)) && marker !== 0xfe) out.push(b.subarray(i, end));
    i = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither stuffing nor a restart.
      let j = i;
      while (j + 1 < b.length && !(b[j] === 0xff && b[j + 1] !== 0x00 && !(b[j + 1]! >= 0xd0 && b[j + 1]! <= 0xd7))) j++;
      if (j + 1 >= b.length) j = b.length;
      out.push(b.subarray(i, j));
      i = j;
    }
  }
  return concat(out);
}

// PNG chunks kept: the image itself and what renders it right; text (tEXt/zTXt/iTXt), eXIf, tIME and any private
// or unknown chunk are dropped, and so is anything after IEND.
const keepPng = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);

function stripPng(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = readU32(b, i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + len;
    if (end > b.length) break;
    if (keepPng.has(type)) out.push(b.subarray(i, end));
    if (type === 'IEND') break;
    i = end;
  }
  return concat(out);
}

// WebP chunks kept: the bitstreams (VP8, VP8L), the extended header, alpha, animation and the ICC profile;
// EXIF, XMP and unknown chunks go, and so does anything past the RIFF length.
const keepWebp = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

function stripWebp(b: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const riffEnd = Math.min(b.length, 8 + ((b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0));
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    const len = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24)) >>> 0;
    const end = Math.min(riffEnd, i + 8 + len + (len % 2));
    if (keepWebp.has(type)) {
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
