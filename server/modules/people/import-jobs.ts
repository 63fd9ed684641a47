/**
 * Imports started from the web page run in the background of the server process, one at a time (a few more wait
 * in a queue; more are refused), so two large files cannot exhaust memory together and requests keep being
 * answered. The upload is kept in the data directory (never the OS temp directory), in a 0700 folder of 0600
 * files named after this process, and deleted when the job ends; the error report the user downloads later is
 * stored encrypted by the CryptoProvider. Folders left by a killed process are swept at start-up. Jobs live in
 * memory for an hour; only the user who started one can see it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { importPersons, type ImportReport } from './person-import.service.ts';
import { errorReportXlsx, fileRows } from './person-files.ts';
import { alive } from '../../db/dir-lock.ts';

export interface ImportJob {
  id: string;
  ownerId: string;
  state: 'running' | 'done' | 'failed';
  /** Waiting for the import before it to end. */
  queued: boolean;
  size: number;
  bytes: number;
  rows: number;
  report?: Omit<ImportReport, 'problems' | 'header' | 'problemCount'> & { problems: number; problemsInReport: number };
  error?: { code: string; message: string; details?: unknown };
  /** The encrypted error report (SM4-GCM through the CryptoProvider). */
  errorsPath?: string;
  dir: string;
  finishedAt?: number;
}

const KEEP_MS = 60 * 60 * 1000;
interface Jobs {
  byId: Map<string, ImportJob>;
  /** The tail of the chain of imports: each starts when the one before has ended. */
  tail: Promise<void>;
  waiting: number;
}
const jobsByContext = new WeakMap<AppContext, Jobs>();
const jobsOf = (ctx: AppContext): Jobs => jobsByContext.get(ctx) ?? jobsByContext.set(ctx, { byId: new Map(), tail: Promise.resolve(), waiting: 0 }).get(ctx)!;

/** The folder of import files inside the data directory. */
export const importsRoot = (ctx: AppContext) => join(ctx.config.dataDir, 'imports');

/** A fresh 0700 folder for one upload, named after this process (so a start-up sweep knows whose it was). */
export function importDir(ctx: AppContext): string {
  mkdirSync(importsRoot(ctx), { recursive: true, mode: 0o700 });
  const dir = join(importsRoot(ctx), `${process.pid}-${randomUUID()}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

/**
 * Removes import folders left by processes that are gone: a killed server's uploads (personal data in clear) and
 * error reports. Run at start-up: a folder of this very pid is a previous incarnation's (a container restarts
 * with the same pid); a folder of a live other process (a CLI next to the server) is left alone.
 */
export function sweepImportLeftovers(dataDir: string, isAlive: (pid: number) => boolean = alive): number {
  const root = join(dataDir, 'imports');
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}


/**
 * Queues importing an uploaded file (already written to `path` inside `dir`); returns at once. @throws RATE_LIMITED
 * when `config.imports.maxQueued` imports are already waiting (the folder is removed)
 */
export function startImport(ctx: AppContext, actor: Actor, dir: string, path: string, xlsx: boolean, mode: 'upsert' | 'all'): ImportJob {
  const jobs = jobsOf(ctx);
  const limits = ctx.config.imports;
  for (const [id, j] of jobs.byId) {
    if (!j.finishedAt || Date.now() - j.finishedAt <= KEEP_MS) continue;
    rmSync(j.dir, { recursive: true, force: true });
    jobs.byId.delete(id);
  }
  if (jobs.waiting > limits.maxQueued) {
    rmSync(dir, { recursive: true, force: true });
    throw new AppError('RATE_LIMITED', [{ path: 'file', code: 'import_queue_full', message: `已有 ${jobs.waiting} 个导入在进行或排队，请稍后再试` }]);
  }
  const job: ImportJob = { id: randomUUID(), ownerId: actor.id, state: 'running', queued: true, size: statSync(path).size, bytes: 0, rows: 0, dir };
  jobs.byId.set(job.id, job);
  jobs.waiting++;
  const run = async () => {
    job.queued = false;
    try {
      // Mode `all` reads the file twice: progress counts the second reading from zero again.
      const source = fileRows(path, (n) => (job.bytes = Math.min(job.size, job.bytes + n)), xlsx, { maxUncompressedBytes: limits.maxUncompressedBytes });
      const r = await importPersons(ctx, actor, source, { mode, jobId: job.id, limits: { maxRows: limits.maxRows, maxProblems: limits.maxProblems }, onProgress: (rows) => (job.rows = rows) });
      if (r.problems.length) {
        const xlsxBytes = await errorReportXlsx(r.header, r.problems, r.problemCount);
        job.errorsPath = join(dir, 'errors.xlsx.enc');
        writeFileSync(job.errorsPath, ctx.crypto.encrypt(xlsxBytes.toString('base64')), { mode: 0o600 });
      }
      job.report = { mode: r.mode, job: r.job, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, problems: r.problemCount, problemsInReport: r.problems.length };
      job.state = 'done';
    } catch (e) {
      job.state = 'failed';
      job.error = e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: 'import failed' };
    } finally {
      jobs.waiting--;
      job.bytes = job.size;
      job.finishedAt = Date.now();
      rmSync(path, { force: true });
      if (!job.errorsPath) rmSync(dir, { recursive: true, force: true });
    }
  };
  jobs.tail = jobs.tail.then(run);
  return job;
}

/** Resolves when every queued import has ended (tests, shutdown). */
export const importsIdle = (ctx: AppContext) => jobsOf(ctx).tail;

/** The decrypted error report of the actor's job. @throws NOT_FOUND */
export function errorReportOf(ctx: AppContext, actor: Actor, id: string): Buffer {
  const job = jobOf(ctx, actor, id);
  if (!job.errorsPath) throw new AppError('NOT_FOUND');
  return Buffer.from(ctx.crypto.decrypt(readFileSync(job.errorsPath, 'utf8')), 'base64');
}

/** The actor's own job. @throws NOT_FOUND */
export function jobOf(ctx: AppContext, actor: Actor, id: string): ImportJob {
  const job = jobsOf(ctx).byId.get(id);
  if (!job || job.ownerId !== actor.id) throw new AppError('NOT_FOUND');
  return job;
}

/** What the page shows of a job. */
export function presentJob(j: ImportJob) {
  return { id: j.id, state: j.state, queued: j.queued, percent: j.size ? Math.round((j.bytes / j.size) * 100) : 100, rows: j.rows, report: j.report ?? null, error: j.error ?? null, hasErrorReport: !!j.errorsPath };
}
