/**
 * The subset of pdfmake's document definition our templates use, declared here so core/ stays free of the
 * package (the server's renderer hands it to pdfmake as it is). Fonts are not named by templates: the renderer
 * sets the main font and splits text runs onto a fallback font character by character.
 */

/** A run of text, or text with its own style (inline). */
export type PdfText = string | PdfTextRun | PdfText[];

/** A styled run inside a paragraph. */
export interface PdfTextRun {
  text: PdfText;
  bold?: boolean;
  fontSize?: number;
  /** Set by the renderer only (per-character fallback); templates leave it out. */
  font?: string;
}

/** A block of the page: a paragraph, a stack, two columns or an empty gap. */
export interface PdfBlock {
  text?: PdfText;
  stack?: PdfBlock[];
  columns?: (PdfBlock & { width?: number | string })[];
  alignment?: 'left' | 'center' | 'right' | 'justify';
  bold?: boolean;
  fontSize?: number;
  lineHeight?: number;
  /** First-line indent in points (two characters in official letters). */
  leadingIndent?: number;
  /** [left, top, right, bottom] in points. */
  margin?: [number, number, number, number];
  characterSpacing?: number;
  pageBreak?: 'before' | 'after';
}

/** A whole document: A4 pages, margins, metadata (fixed for deterministic bytes) and its blocks. */
export interface PdfDoc {
  pageSize: 'A4';
  /** [left, top, right, bottom] in points. */
  pageMargins: [number, number, number, number];
  /** Title and subject for the PDF's metadata; the date is the document's own (never the time of rendering). */
  info: { title: string; subject: string; date: string };
  defaultStyle: { fontSize: number; lineHeight: number };
  content: PdfBlock[];
  /** Page numbers at the foot ("第 1 页 共 2 页"), added by the renderer when true. */
  pageNumbers?: boolean;
}
