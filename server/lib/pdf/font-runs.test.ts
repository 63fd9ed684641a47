/** The per-character fallback: runs split by the first font that draws each character; none → named and refused. */
import { describe, expect, it } from 'vitest';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import { GlyphMissing, splitFonts } from './font-runs.ts';

// Font 0 draws everything below U+20000, font 1 (Ext B) from U+20000 to U+2A6DF, nothing else.
const choose = (cp: number) => (cp < 0x20000 ? 0 : cp <= 0x2a6df ? 1 : -1);
const doc = (text: PdfDoc['content'][number]['text']): PdfDoc => ({ pageSize: 'A4', pageMargins: [0, 0, 0, 0], info: { title: 't', subject: 's', date: '2026-01-01' }, defaultStyle: { fontSize: 16, lineHeight: 1 }, content: [{ stack: [{ columns: [{ text }] }] }] });
const first = (d: PdfDoc) => d.content[0]!.stack![0]!.columns![0]!.text;

describe('splitFonts', () => {
  it('leaves text the main font draws alone and moves each rare character onto the font that has it', () => {
    expect(first(splitFonts(doc('张三\n李四'), choose, ['Main', 'B']))).toBe('张三\n李四');
    expect(first(splitFonts(doc('张𪛖明𪛖'), choose, ['Main', 'B']))).toEqual(['张', { text: '𪛖', font: 'B' }, '明', { text: '𪛖', font: 'B' }]);
    expect(first(splitFonts(doc({ text: '𠀀𠀁x', bold: true }), choose, ['Main', 'B']))).toEqual({ text: [{ text: '𠀀𠀁', font: 'B' }, 'x'], bold: true });
  });

  it('refuses a character no font draws, naming it, in the text and in the metadata', () => {
    const err = (() => {
      try {
        splitFonts(doc(['ok', { text: 'a\u{30000}' }]), choose, ['Main', 'B']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GlyphMissing);
    expect((err as GlyphMissing).codePoint).toBe(0x30000);
    expect((err as Error).message).toBe('no font has a glyph for U+30000 \u{30000}');
    expect(() => splitFonts({ ...doc('x'), info: { title: '\u{30001}', subject: '', date: '2026-01-01' } }, choose, ['Main', 'B'])).toThrow(/U\+30001/);
    expect(() => splitFonts(doc('a\u0007'), choose, ['Main', 'B'])).toThrow(/U\+0007/);
  });
});
