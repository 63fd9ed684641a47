/** The PDF worker thread: renders each document it is sent and answers with the bytes or the reason it could not. */
import { parentPort } from 'node:worker_threads';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import { renderPdf } from './render-pdf.ts';
import { FontMissing } from './fonts.ts';
import { GlyphMissing } from './font-runs.ts';

/** What the worker answers for one request. */
export type PdfWorkerAnswer =
  | { id: number; bytes: Uint8Array; pages: number }
  | { id: number; error: { kind: 'glyph'; codePoint: number } | { kind: 'font'; file: string } | { kind: 'other'; message: string } };

parentPort!.on('message', ({ id, doc }: { id: number; doc: PdfDoc }) => {
  renderPdf(doc).then(
    ({ bytes, pages }) => parentPort!.postMessage({ id, bytes, pages } satisfies PdfWorkerAnswer),
    (e: unknown) => {
      const error = e instanceof GlyphMissing ? { kind: 'glyph' as const, codePoint: e.codePoint } : e instanceof FontMissing ? { kind: 'font' as const, file: e.file } : { kind: 'other' as const, message: String((e as Error)?.stack ?? e) };
      parentPort!.postMessage({ id, error } satisfies PdfWorkerAnswer);
    },
  );
});
