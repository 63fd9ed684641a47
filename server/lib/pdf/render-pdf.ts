/**
 * Renders a document definition to PDF bytes with pdfmake (runs inside the PDF worker thread, never on the
 * request thread). The bytes are deterministic: the metadata dates are the document's own date, the producer is
 * fixed, and pdfkit derives the trailer's file ID and the font subset tags from these alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import { findFonts, type FontFile, type FontSet } from './fonts.ts';
import { splitFonts } from './font-runs.ts';

/** The part of fontkit's font we use (fontkit ships with pdfmake and has no types of its own). */
interface GlyphSource {
  hasGlyphForCodePoint(cp: number): boolean;
}
interface FontkitModule {
  create(buffer: Buffer, postscriptName?: string): GlyphSource;
}
const fontkit = createRequire(import.meta.url)('@foliojs-fork/fontkit') as FontkitModule;

/** Loaded fonts: bytes (read once per worker) and glyph coverage of each font in fallback order. */
interface Loaded {
  set: FontSet;
  bytes: Map<string, Buffer>;
  coverage: GlyphSource[];
}
let loaded: Loaded | undefined;

function load(): Loaded {
  const set = findFonts();
  if (loaded && JSON.stringify(loaded.set) === JSON.stringify(set)) return loaded;
  const bytes = new Map<string, Buffer>();
  const read = (f: FontFile) => {
    if (!bytes.has(f.path)) bytes.set(f.path, readFileSync(f.path));
    return bytes.get(f.path)!;
  };
  const coverage = [set.regular, ...set.fallbacks].map((f) => fontkit.create(read(f), f.face));
  read(set.bold);
  loaded = { set, bytes, coverage };
  return loaded;
}

const MAIN = 'Main';
const fallbackName = (i: number) => `Fallback${i}`;

/** Renders a document; returns its bytes and page count. @throws FontMissing, GlyphMissing */
export async function renderPdf(doc: PdfDoc): Promise<{ bytes: Buffer; pages: number }> {
  const { set, bytes, coverage } = load();
  const names = [MAIN, ...set.fallbacks.map((_, i) => fallbackName(i + 1))];
  const split = splitFonts(doc, (cp) => coverage.findIndex((c) => c.hasGlyphForCodePoint(cp)), names);
  const src = (f: FontFile) => (f.face ? [bytes.get(f.path)!, f.face] : bytes.get(f.path)!) as unknown as Buffer;
  const fonts: TFontDictionary = { [MAIN]: { normal: src(set.regular), bold: src(set.bold), italics: src(set.regular), bolditalics: src(set.bold) } };
  // Fallback fonts have no bold face: bold runs use the regular one (a rare character in a bold title stays legible).
  set.fallbacks.forEach((f, i) => (fonts[fallbackName(i + 1)] = { normal: src(f), bold: src(f), italics: src(f), bolditalics: src(f) }));
  const date = new Date(`${doc.info.date}T00:00:00+08:00`);
  const definition = {
    pageSize: split.pageSize,
    pageMargins: split.pageMargins,
    content: split.content,
    defaultStyle: { ...split.defaultStyle, font: MAIN },
    info: { title: split.info.title, subject: split.info.subject, creator: 'Anwang', producer: 'Anwang', creationDate: date, modDate: date },
    ...(doc.pageNumbers ? { footer: (page: number, count: number) => ({ text: `第 ${page} 页 共 ${count} 页`, alignment: 'center', fontSize: 10, margin: [0, 10, 0, 0] }) } : {}),
  } as unknown as TDocumentDefinitions;
  const pdf = new PdfPrinter(fonts).createPdfKitDocument(definition, { bufferPages: true });
  const pages = pdf.bufferedPageRange().count;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.end();
  return { bytes: await done, pages };
}
