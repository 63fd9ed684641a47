/**
 * The per-character fallback: every text of a document is split into runs, each drawn with the first font that
 * has all its characters' glyphs (the main font, else each fallback in turn). A character no font has is
 * refused by name, never printed as a blank or a box.
 */
import type { PdfBlock, PdfDoc, PdfText } from '../../../core/documents/pdf-doc.ts';

/** A character that no configured font can draw. */
export class GlyphMissing extends Error {
  constructor(readonly codePoint: number) {
    super(`no font has a glyph for U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(codePoint)}`);
  }
}

/** Index of the font (0 = main, 1… = fallbacks) that draws a code point, or -1 for none. */
export type FontChooser = (codePoint: number) => number;

/** Characters laid out without a glyph (line breaks, tabs). */
const layoutOnly = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x09;

/** Splits one string into runs of one font each; runs of the main font carry no font name. @throws GlyphMissing */
function splitString(s: string, choose: FontChooser, names: string[]): PdfText {
  const runs: { font: number; text: string }[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (!layoutOnly(cp) && cp < 0x20) throw new GlyphMissing(cp);
    const font = layoutOnly(cp) ? (runs.at(-1)?.font ?? 0) : choose(cp);
    if (font < 0) throw new GlyphMissing(cp);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  if (runs.every((r) => r.font === 0)) return s;
  return runs.map((r) => (r.font === 0 ? r.text : { text: r.text, font: names[r.font]! }));
}

function splitText(t: PdfText, choose: FontChooser, names: string[]): PdfText {
  if (typeof t === 'string') return splitString(t, choose, names);
  if (Array.isArray(t)) return t.map((x) => splitText(x, choose, names));
  return { ...t, text: splitText(t.text, choose, names) };
}

function splitBlock(b: PdfBlock, choose: FontChooser, names: string[]): PdfBlock {
  return {
    ...b,
    ...(b.text !== undefined ? { text: splitText(b.text, choose, names) } : {}),
    ...(b.stack ? { stack: b.stack.map((x) => splitBlock(x, choose, names)) } : {}),
    ...(b.columns ? { columns: b.columns.map((x) => splitBlock(x, choose, names)) } : {}),
  };
}

/** The document with every text split onto the fonts that draw it (`names[i]` is font i's family). @throws GlyphMissing */
export function splitFonts(doc: PdfDoc, choose: FontChooser, names: string[]): PdfDoc {
  return { ...doc, info: { ...doc.info, title: checked(doc.info.title, choose), subject: checked(doc.info.subject, choose) }, content: doc.content.map((b) => splitBlock(b, choose, names)) };
}

/** Metadata is not drawn, but a character no font has is still refused there (it would be in the title of the file). */
function checked(s: string, choose: FontChooser): string {
  for (const ch of s) if (choose(ch.codePointAt(0)!) < 0) throw new GlyphMissing(ch.codePointAt(0)!);
  return s;
}
