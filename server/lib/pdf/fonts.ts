/**
 * Where the PDF fonts are: Noto Serif CJK (Debian's fonts-noto-cjk) for all text, and Hanazono Mincho A and B
 * (fonts-hanazono) as per-character fallbacks for rare characters in names (CJK Extensions A to F). Looked up at
 * render time, never at start: the rest of the system runs without fonts. ANWANG_PDF_FONT_DIR names another
 * directory (searched in Debian's sub-folders and flat).
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One font file (a face of a collection when `face` is set). */
export interface FontFile {
  path: string;
  /** PostScript name of the face inside a .ttc collection. */
  face?: string;
}

/** The fonts a render uses: the main font (regular and bold) and the fallbacks in the order they are tried. */
export interface FontSet {
  regular: FontFile;
  bold: FontFile;
  fallbacks: FontFile[];
}

const MAIN = { regular: { sub: 'opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' }, bold: { sub: 'opentype/noto/NotoSerifCJK-Bold.ttc', face: 'NotoSerifCJKsc-Bold' } };
const FALLBACKS = ['truetype/hanazono/HanaMinA.ttf', 'truetype/hanazono/HanaMinB.ttf'];

/** Thrown when the main font is not installed: the message says which file and which package. */
export class FontMissing extends Error {
  constructor(readonly file: string) {
    super(`PDF font not found: ${file} (install Debian's fonts-noto-cjk, or set ANWANG_PDF_FONT_DIR)`);
  }
}

/** The fonts under `dir` (default ANWANG_PDF_FONT_DIR, else /usr/share/fonts). Missing fallbacks are left out. @throws FontMissing */
export function findFonts(dir = process.env.ANWANG_PDF_FONT_DIR || '/usr/share/fonts'): FontSet {
  const locate = (sub: string) => [join(dir, sub), join(dir, basename(sub))].find((p) => existsSync(p));
  const main = (which: 'regular' | 'bold'): FontFile => {
    const path = locate(MAIN[which].sub);
    if (!path) throw new FontMissing(join(dir, MAIN[which].sub));
    return { path, face: MAIN[which].face };
  };
  return { regular: main('regular'), bold: main('bold'), fallbacks: FALLBACKS.flatMap((sub) => (locate(sub) ? [{ path: locate(sub)! }] : [])) };
}
