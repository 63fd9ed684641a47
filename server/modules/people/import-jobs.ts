/**
 * Imports started from the web page run in the background of the server process: the upload is kept in a
 * temporary file, the page polls the job for progress (bytes read, rows), and fetches the error report when
 * done. Jobs live in memory for an hour; only the user who started one can see it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { importPersons, type ImportReport } from './person-import.service.ts';
import { fileRows, writeErrorReport } from './person-files.ts';

export interface ImportJob {
  id: string;
  ownerId: string;
  state: 'running' | 'done' | 'failed';
  size: number;
  bytes: number;
  rows: number;
  report?: Omit<ImportReport, 'problems' | 'header'> & { problems: number };
  error?: { code: string; message: string; details?: unknown };
  errorsPath?: string;
  dir: string;
  finishedAt?: number;
}

const KEEP_MS = 60 * 60 * 1000;
const jobsByContext = new WeakMap<AppContext, Map<string, ImportJob>>();
const jobsOf = (ctx: AppContext) => jobsByContext.get(ctx) ?? jobsByContext.set(ctx, new Map()).get(ctx)!;

/** A fresh directory for one upload. */
export function importDir(): string {
  return mkdtempSync(join(tmpdir(), 'anwang-import-'));
}

/** Starts importing an uploaded file (already written to `path` inside `dir`); returns at once. */
export function startImport(ctx: AppContext, actor: Actor, dir: string, path: string, xlsx: boolean, mode: 'upsert' | 'all'): ImportJob {
  const jobs = jobsOf(ctx);
  for (const [id, j] of jobs) {
    if (!j.finishedAt || Date.now() - j.finishedAt <= KEEP_MS) continue;
    rmSync(j.dir, { recursive: true, force: true });
    jobs.delete(id);
  }
  const job: ImportJob = { id: randomUUID(), ownerId: actor.id, state: 'running', size: statSync(path).size, bytes: 0, rows: 0, dir };
  jobs.set(job.id, job);
  void (async () => {
    try {
      // Mode `all` reads the file twice: progress counts the second reading from zero again.
      const r = await importPersons(ctx, actor, fileRows(path, (n) => (job.bytes = Math.min(job.size, job.bytes + n)), xlsx), { mode, onProgress: (rows) => (job.rows = rows) });
      if (r.problems.length) {
        job.errorsPath = join(dir, 'errors.xlsx');
        await writeErrorReport(job.errorsPath, r.header, r.problems);
      }
      job.report = { mode: r.mode, rows: r.rows, created: r.created, updated: r.updated, rejected: r.rejected, problems: r.problems.length };
      job.state = 'done';
    } catch (e) {
      job.state = 'failed';
      job.error = e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: 'import failed' };
    } finally {
      job.bytes = job.size;
      job.finishedAt = Date.now();
      rmSync(path, { force: true });
    }
  })();
  return job;
}

/** The actor's own job. @throws NOT_FOUND */
export function jobOf(ctx: AppContext, actor: Actor, id: string): ImportJob {
  const job = jobsOf(ctx).get(id);
  if (!job || job.ownerId !== actor.id) throw new AppError('NOT_FOUND');
  return job;
}

/** What the page shows of a job. */
export function presentJob(j: ImportJob) {
  return { id: j.id, state: j.state, percent: j.size ? Math.round((j.bytes / j.size) * 100) : 100, rows: j.rows, report: j.report ?? null, error: j.error ?? null, hasErrorReport: !!j.errorsPath };
}
