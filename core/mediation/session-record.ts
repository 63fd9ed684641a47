/**
 * A held session's record (人民调解记录) as a document of the mediation file: when, how many came and signed, and
 * the record itself. Pure: data in, document definition out (the file binds it with `mediationFile`).
 */
import type { PdfDoc } from '../documents/pdf-doc.ts';

/** The data of one session's record. */
export interface SessionRecordData {
  committee: string;
  disputeCode: string;
  /** ISO instant the session was held. */
  heldAt: string;
  record: string;
  attendees: number;
  signedParties: number;
}

const cst = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The record of one session as a document. */
export function sessionRecordDoc(d: SessionRecordData): PdfDoc {
  return {
    pageSize: 'A4',
    pageMargins: [79, 85, 74, 79],
    info: { title: '人民调解记录', subject: d.disputeCode, date: d.heldAt.slice(0, 10) },
    defaultStyle: { fontSize: 14, lineHeight: 1.5 },
    pageNumbers: true,
    content: [
      { text: '人民调解记录', alignment: 'center', bold: true, fontSize: 22, margin: [0, 0, 0, 14] },
      { text: `调解组织：${d.committee}\u3000\u3000查询码：${d.disputeCode}`, margin: [0, 0, 0, 4] },
      { text: `调解时间：${cst(d.heldAt)}（北京时间）\u3000\u3000到场当事人：${d.attendees}人\u3000\u3000签名确认：${d.signedParties}人`, margin: [0, 0, 0, 10] },
      { text: d.record, leadingIndent: 28, alignment: 'justify' },
    ],
  };
}
