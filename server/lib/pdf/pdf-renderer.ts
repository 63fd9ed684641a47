/**
 * Renders PDFs off the request thread: one worker thread (started on first use, so a server without fonts or
 * documents never starts it) takes the documents in order from its message queue. A render never blocks the
 * event loop; a worker that dies fails what it was given and is replaced on the next render.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../core/errors.ts';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import type { PdfWorkerAnswer } from './pdf-worker.ts';

/** A render waiting for its answer, and the worker it was sent to (a dying worker fails only its own). */
type Pending = { resolve: (r: { bytes: Buffer; pages: number }) => void; reject: (e: Error) => void; worker: Worker };

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
    if (![...pending.values()].some((q) => q.worker === w)) w.unref();
    if ('error' in m) p?.reject(failure(m.error));
    else p?.resolve({ bytes: Buffer.from(m.bytes), pages: m.pages });
  });
  const fail = (e: Error) => {
    if (worker === w) worker = undefined;
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(id);
      p.reject(e);
    }
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`PDF worker exited (${code})`)));
  return w;
}

/** How long one render may take before the worker is presumed stuck (a notice renders in well under a second). */
export const renderTimeoutMs = 60_000;

/**
 * Renders a document definition to PDF bytes on the worker thread. A render that does not finish in time fails and
 * the worker is replaced, so one stuck document cannot hold every later one in the queue.
 * @throws VALIDATION_FAILED (a character no font has), UNAVAILABLE (fonts missing, or the render timed out)
 */
export function renderOffThread(doc: PdfDoc, opts: { timeoutMs?: number } = {}): Promise<{ bytes: Buffer; pages: number }> {
  const w = (worker ??= start());
  const id = ++seq;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new AppError('UNAVAILABLE', [{ path: 'document', code: 'render_timeout', message: '文书生成超时，请稍后重试' }]));
      if (worker === w) worker = undefined;
      void w.terminate();
    }, opts.timeoutMs ?? renderTimeoutMs);
    timer.unref();
    const settle = <T,>(f: (v: T) => void) => (v: T) => {
      clearTimeout(timer);
      f(v);
    };
    pending.set(id, { resolve: settle(resolve), reject: settle(reject), worker: w });
    // Referenced while it has work (an await on a render keeps the process alive); an idle worker must not keep a
    // CLI command or a test process alive.
    w.ref();
    w.postMessage({ id, doc });
  });
}

/** Stops the worker (tests, shutdown); the next render starts a new one. */
export async function stopPdfWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}
