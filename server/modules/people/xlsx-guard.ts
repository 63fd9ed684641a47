/**
 * An XLSX file is a zip, and a zip can lie: 7 MB of deflate can hold 160 MB of sheet XML (or gigabytes), and the
 * sizes in its headers are whatever the sender wrote. Before ExcelJS sees a byte, this reads the central directory,
 * refuses a file whose entries add up to more than the limit, and then hands ExcelJS a re-packed stream of only the
 * four entries it needs (relationships, workbook, shared strings, the first sheet) — each inflated here, counted
 * while it is inflated, and cut off the moment it passes the size the directory declared or the limit. The shared
 * strings always come before the sheet, so ExcelJS never spools a sheet to the operating system's temp directory.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../../core/errors.ts';

export interface ZipLimits {
  /** Uncompressed bytes of all entries together. */
  maxUncompressedBytes: number;
  /** Entries in the directory. */
  maxEntries?: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MB = 1024 * 1024;
const EOCD = 0x06054b50, CDH = 0x02014b50, LFH = 0x04034b50;

const invalid = (message: string) => new AppError('IMPORT_INVALID', [{ path: 'file', code: 'bad_xlsx', message }]);
const tooLarge = (limit: number) =>
  new AppError('IMPORT_LIMIT', [{ path: 'file', code: 'uncompressed_too_large', message: `XLSX 解压后超过 ${Math.floor(limit / MB)} MB 的上限（ANWANG_IMPORT_MAX_UNCOMPRESSED_MB），请拆分文件或另存为 CSV` }]);

/** The entries of a zip's central directory. @throws IMPORT_INVALID (not a zip we read), IMPORT_LIMIT (declared sizes over the limit) */
export async function zipDirectory(path: string, limits: ZipLimits): Promise<Entry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw invalid('不是有效的 XLSX 文件（找不到 zip 目录）');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    // Zip64 markers: no import under our limits needs them.
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw invalid('不支持 Zip64 格式的 XLSX 文件');
    if (count > (limits.maxEntries ?? 10_000)) throw invalid(`XLSX 文件包含 ${count} 个条目，超过上限`);
    if (cdOffset + cdSize > size - tailLen + eocd) throw invalid('XLSX 文件的 zip 目录已损坏');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    let total = 0;
    for (let p = 0, k = 0; k < count; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH) throw invalid('XLSX 文件的 zip 目录已损坏');
      const nameLen = cd.readUInt16LE(p + 28), extraLen = cd.readUInt16LE(p + 30), commentLen = cd.readUInt16LE(p + 32);
      const e: Entry = {
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      };
      if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) throw invalid('不支持 Zip64 格式的 XLSX 文件');
      total += e.size;
      if (total > limits.maxUncompressedBytes) throw tooLarge(limits.maxUncompressedBytes);
      entries.push(e);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * A stream of a minimal XLSX holding only what the first sheet's rows need, each entry stored (not compressed) with
 * the size the directory declared; inflating past that size or the limit ends the stream and rejects `failed`. `onBytes` hears the
 * compressed bytes read (progress). @throws IMPORT_INVALID, IMPORT_LIMIT (before any byte when the directory says so)
 */
export async function guardedXlsx(path: string, limits: ZipLimits, onBytes?: (n: number) => void): Promise<{ stream: Readable; failed: Promise<never> }> {
  const entries = await zipDirectory(path, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sheets = entries.flatMap((e) => {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name);
    return m ? [{ n: Number(m[1]), e }] : [];
  });
  sheets.sort((a, b) => a.n - b.n);
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  const sheet = sheets[0]?.e;
  if (!rels || !sheet) throw invalid('不是有效的 XLSX 文件（缺少工作表）');
  const parts: (Entry | { name: string; data: Buffer })[] = [rels];
  const workbook = byName.get('xl/workbook.xml');
  if (workbook) parts.push(workbook);
  // Always a shared-strings entry before the sheet: without one ExcelJS would spool the sheet to a temp file.
  parts.push(byName.get('xl/sharedStrings.xml') ?? { name: 'xl/sharedStrings.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>') });
  parts.push(sheet);
  for (const p of parts) {
    if ('method' in p && ((p.flags & 1) || (p.method !== 0 && p.method !== 8))) throw invalid('XLSX 文件已加密或使用了不支持的压缩方式');
  }
  let budget = limits.maxUncompressedBytes;

  async function* inflate(e: Entry): AsyncGenerator<Buffer> {
    const fh = await open(path, 'r');
    const head = Buffer.alloc(30);
    try {
      await fh.read(head, 0, 30, e.localOffset);
    } finally {
      await fh.close();
    }
    if (head.readUInt32LE(0) !== LFH) throw invalid('XLSX 文件的 zip 条目已损坏');
    const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (e.compressedSize === 0) return;
    const raw = createReadStream(path, { start, end: start + e.compressedSize - 1 });
    if (onBytes) raw.on('data', (c) => onBytes(c.length));
    const source = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    let got = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        got += chunk.length;
        budget -= chunk.length;
        // The directory lied (more data than declared) or the total passed the limit: stop inflating now.
        if (got > e.size || budget < 0) throw tooLarge(limits.maxUncompressedBytes);
        yield chunk;
      }
    } finally {
      raw.destroy();
    }
    if (got !== e.size) throw invalid('XLSX 文件的 zip 条目大小与目录不符');
  }

  async function* repack(): AsyncGenerator<Buffer> {
    let offset = 0;
    const central: Buffer[] = [];
    for (const p of parts) {
      const name = Buffer.from(p.name, 'utf8');
      const size = 'data' in p ? p.data.length : p.size;
      const crc = 'data' in p ? 0 : p.crc;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(LFH, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(size, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const cdh = Buffer.alloc(46);
      cdh.writeUInt32LE(CDH, 0);
      cdh.writeUInt16LE(20, 4);
      cdh.writeUInt16LE(20, 6);
      cdh.writeUInt32LE(crc, 16);
      cdh.writeUInt32LE(size, 20);
      cdh.writeUInt32LE(size, 24);
      cdh.writeUInt16LE(name.length, 28);
      cdh.writeUInt32LE(offset, 42);
      central.push(cdh, name);
      yield Buffer.concat([local, name]);
      if ('data' in p) yield p.data;
      else yield* inflate(p);
      offset += 30 + name.length + size;
    }
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    yield Buffer.concat([cd, end]);
  }
  // A failure ends the stream early instead of erroring it: ExcelJS pipes it into its unzipper, and a piped source's
  // error never reaches the reader, which would wait for ever on a cut entry. The reader races every step against
  // `failed`, which rejects with the failure.
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined); // observed by the reader's races; never an unhandled rejection
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* repack();
    } catch (e) {
      fail(e);
    }
  }
  return { stream: Readable.from(guarded(), { objectMode: false }), failed };
}
