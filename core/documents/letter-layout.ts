/**
 * The layout of an official letter (公文 after GB/T 9704, simplified): A4 with the standard margins, the title
 * centred in large bold type, the document number (文号) under it, the addressee flush left, body paragraphs
 * indented by two characters, and at the bottom right the seal placeholder, the issuing body and the date.
 */
import type { PdfBlock, PdfDoc } from './pdf-doc.ts';

const mm = (v: number) => Math.round((v * 72) / 25.4);
/** Body type size: 三号 (16 pt); the title is 二号 (22 pt). */
const BODY = 16;
const TITLE = 22;

/** What every letter says besides its body. */
export interface LetterFrame {
  /** The notice's name, e.g. 信访事项受理告知书. */
  title: string;
  /** The document number (文号), e.g. 门信受〔2026〕12号. */
  docNo: string;
  /** Who it is addressed to (the petitioner, or the receiving body), without the colon. */
  addressee: string;
  /** The issuing body, as signed at the bottom. */
  issuer: string;
  /** The date of issue, YYYY-MM-DD. */
  issuedOn: string;
  /** Body paragraphs in order (each may hold line breaks that start new paragraphs). */
  paragraphs: string[];
  /** The closing line (特此告知。), a paragraph of its own; none when empty. */
  closing?: string;
  /** Metadata subject (the record's code). */
  subject: string;
}

/** A date YYYY-MM-DD in the Chinese form of letters: 2026年3月5日. @throws Error on another form */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Paragraph blocks of body text: each line of each paragraph indented by two characters. */
function bodyBlocks(paragraphs: string[]): PdfBlock[] {
  return paragraphs
    .flatMap((p) => p.split(/\r?\n/))
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ text: p, leadingIndent: BODY * 2, alignment: 'justify' as const, margin: [0, 0, 0, 4] as [number, number, number, number] }));
}

/** The whole letter as a document definition. */
export function officialLetter(f: LetterFrame): PdfDoc {
  return {
    pageSize: 'A4',
    pageMargins: [mm(28), mm(32), mm(26), mm(30)],
    info: { title: f.title, subject: f.subject, date: f.issuedOn },
    defaultStyle: { fontSize: BODY, lineHeight: 1.45 },
    pageNumbers: true,
    content: [
      { text: f.title, alignment: 'center', bold: true, fontSize: TITLE, lineHeight: 1.3, margin: [0, 0, 0, 10] },
      { text: f.docNo, alignment: 'center', margin: [0, 0, 0, 18] },
      { text: `${f.addressee}：`, margin: [0, 0, 0, 4] },
      ...bodyBlocks(f.paragraphs),
      ...(f.closing ? [{ text: f.closing, leadingIndent: BODY * 2, margin: [0, 4, 0, 0] as [number, number, number, number] }] : []),
      // The seal is stamped over the issuer's name and the date, at the right (印章 placeholder until e-seals).
      {
        margin: [0, 36, 0, 0],
        columns: [
          { width: '*', text: '' },
          { width: 'auto', stack: [{ text: '（印章）', alignment: 'center', margin: [0, 0, 0, 6] }, { text: f.issuer, alignment: 'center' }, { text: chineseDate(f.issuedOn), alignment: 'center' }] },
          { width: BODY * 2, text: '' },
        ],
      },
    ],
  };
}
