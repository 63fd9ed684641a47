/**
 * Renders PDFs off the request thread: one worker thread (started on first use, so a server without fonts or
 * documents never starts it) takes the documents in order from its message queue. A render never blocks the
 * event loop; a worker that dies fails what it was given and is replaced on the next render.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../core/errors.ts';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import type { PdfWorkerAnswer } from './pdf-worker.ts';

type Pending = { resolve: (r: { bytes: Buffer; pages: number }) => void; reject: (e: Error) => void };

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let seq = 0;

/** The error a render failure becomes: a character named (U+XXXX and the character), a missing font, or the worker's. */
function failure(error: Extract<PdfWorkerAnswer, { error: unknown }>['error']): Error {
  if (error.kind === 'glyph') {
    const cp = error.codePoint;
    const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const shown = cp >= 0x20 ? ` ${String.fromCodePoint(cp)}` : '';
    return new AppError('VALIDATION_FAILED', [{ path: 'document', code: 'no_glyph', message: `字符 ${name}${shown} 在任何已安装的字体中都没有字形，无法生成文书（No font has a glyph for ${name}${shown}）` }]);
  }
  if (error.kind === 'font') return new AppError('UNAVAILABLE', [{ path: 'font', code: 'font_missing', message: `PDF 字体缺失：${error.file}（安装 Debian 的 fonts-noto-cjk，或设置 ANWANG_PDF_FONT_DIR）` }]);
  return new Error(`PDF worker: ${error.message}`);
}

function start(): Worker {
  const w = new Worker(new URL('./pdf-worker.mjs', import.meta.url));
  w.on('message', (m: PdfWorkerAnswer) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!pending.size) w.unref();
    if ('error' in m) p?.reject(failure(m.error));
    else p?.resolve({ bytes: Buffer.from(m.bytes), pages: m.pages });
  });
  const fail = (e: Error) => {
    if (worker === w) worker = undefined;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`PDF worker exited (${code})`)));
  return w;
}

/** Renders a document definition to PDF bytes on the worker thread. @throws VALIDATION_FAILED (a character no font has), UNAVAILABLE (fonts missing) */
export function renderOffThread(doc: PdfDoc): Promise<{ bytes: Buffer; pages: number }> {
  worker ??= start();
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Referenced while it has work (an await on a render keeps the process alive); an idle worker must not keep a
    // CLI command or a test process alive.
    worker!.ref();
    worker!.postMessage({ id, doc });
  });
}

/** Stops the worker (tests, shutdown); the next render starts a new one. */
export async function stopPdfWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}
