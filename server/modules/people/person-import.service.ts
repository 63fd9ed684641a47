/**
 * Persons import from CSV or XLSX, streamed: rows are checked as single entries are (ID numbers, phones, code
 * tables, the grid inside the importer's scope), repeated ID numbers in the file are reported, and valid rows are
 * written a thousand at a time. Mode `upsert` writes the good rows and reports the bad ones; mode `all` writes
 * nothing unless every row is good (it reads the file twice: check, then write in one transaction).
 */
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { codeMap, mapHeader, validatePersonRow, type RowCodes, type RowIssue } from '../../../core/people/person-row.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { codesUnder } from '../grids/grids.repository.ts';
import * as codesRepo from '../codes/codes.repository.ts';
import * as repo from './people.repository.ts';
import { encryptRows, personRow, requirePermission, scopePrefix } from './persons.service.ts';

export interface ImportProblem {
  /** 1-based line of the file (the header is line 1). */
  row: number;
  cells: string[];
  issues: RowIssue[];
}

export interface ImportReport {
  mode: 'upsert' | 'all';
  header: string[];
  rows: number;
  created: number;
  updated: number;
  problems: ImportProblem[];
  /** True when mode `all` found problems and wrote nothing. */
  rejected: boolean;
}

export type RowSource = () => AsyncIterable<string[]>;

const BATCH = 2500;
// Batches written at once on their own connections: the file holds each ID number once (checked while reading),
// so concurrent batches never touch the same person.
const WRITERS = 2;

/** Imports persons from `source` (called once, or twice in mode `all`). @throws FORBIDDEN, IMPORT_INVALID (bad header) */
export async function importPersons(ctx: AppContext, actor: Actor, source: RowSource, opts: { mode: 'upsert' | 'all'; onProgress?: (rows: number) => void }): Promise<ImportReport> {
  requirePermission(actor, 'person:write');
  const codes = await rowCodes(ctx);
  const grids = new Map((await codesUnder(ctx.db, scopePrefix(actor))).map((g) => [g.code, g]));
  const today = cstDate(ctx.clock.now());
  const report: ImportReport = { mode: opts.mode, header: [], rows: 0, created: 0, updated: 0, problems: [], rejected: false };

  /** Walks the file; hands each batch of good rows to `write`; `record` counts rows and keeps the problems. */
  const walk = async (record: boolean, write?: (batch: { line: number; row: repo.PersonRow }[]) => Promise<void>) => {
    const seen = new Map<string, number>();
    let header: ReturnType<typeof mapHeader> | undefined;
    let line = 0;
    let batch: { line: number; row: repo.PersonRow }[] = [];
    const now = ctx.clock.now();
    for await (const cells of source()) {
      line++;
      if (!header) {
        header = mapHeader(cells);
        report.header = cells.map(String);
        if (header.problems.length) throw new AppError('IMPORT_INVALID', header.problems.map((p) => ({ path: 'row 1', code: p.code, message: p.message })));
        continue;
      }
      if (cells.every((c) => String(c ?? '').trim() === '')) continue;
      if (record) report.rows++;
      const checked = validatePersonRow(cells.map((c) => String(c ?? '')), header.index, codes, today);
      const issues = 'issues' in checked ? [...checked.issues] : [];
      const grid = 'value' in checked ? grids.get(checked.value.gridCode) : undefined;
      if ('value' in checked && !grid) issues.push({ column: '所属网格', code: 'unknown_grid', message: `网格 ${checked.value.gridCode} 不存在或不在您的范围内` });
      let row: repo.PersonRow | undefined;
      if (!issues.length && 'value' in checked && grid) {
        row = personRow(ctx, checked.value, grid, now, true); // encrypted per batch, in one call to the provider
        if (row.idNumberHash) {
          const first = seen.get(row.idNumberHash);
          if (first) issues.push({ column: '公民身份号码', code: 'duplicate_in_file', message: `与第 ${first} 行的身份证号重复` });
          else seen.set(row.idNumberHash, line);
        }
      }
      if (issues.length) {
        if (record) report.problems.push({ row: line, cells: cells.map(String), issues });
        continue;
      }
      if (write && row) {
        batch.push({ line, row });
        if (batch.length >= BATCH) {
          await write(batch);
          batch = [];
        }
      }
      if (line % 10_000 === 0) opts.onProgress?.(line - 1);
    }
    if (!header) throw new AppError('IMPORT_INVALID', [{ path: 'row 1', code: 'empty_file', message: '文件为空' }]);
    if (write && batch.length) await write(batch);
    opts.onProgress?.(line - 1);
  };

  /** Writes a batch whose values are already encrypted (`encryptRows`): one statement unless some are known. */
  const writeBatch = async (ex: Executor, batch: { line: number; row: repo.PersonRow }[]) => {
    // Imported records carry no 'created' history row each: the import itself is one audit row (who, when,
    // counts) and created_at dates each record; history starts with the record's first move or change.
    const skipped = await repo.insertUnregistered(ex, batch.map((b) => b.row));
    report.created += batch.length - skipped.size;
    if (!skipped.size) return;
    const existing = await repo.activeByIdHashes(ex, [...skipped]);
    for (const { line, row } of batch) {
      const old = row.idNumberHash && skipped.has(row.idNumberHash) ? existing.get(row.idNumberHash) : undefined;
      if (!old) continue;
      if (old.countyCode !== row.countyCode) report.problems.push({ row: line, cells: [], issues: [{ column: '公民身份号码', code: 'registered_elsewhere', message: '已在其他县登记，请先在原登记地迁出' }] });
      else {
        await repo.updateImported(ex, old.countyCode, old.id, row);
        report.updated++;
      }
    }
  };

  if (opts.mode === 'all') {
    await walk(true);
    if (report.problems.length) {
      report.rejected = true;
      return report;
    }
    await ctx.db.transaction(async (tx) => {
      await walk(false, async (batch) => {
        await encryptRows(ctx, batch.map((b) => b.row));
        await writeBatch(tx, batch);
      });
      if (report.problems.length) throw new AppError('CONFLICT', report.problems.slice(0, 20).map((p) => ({ path: `row ${p.row}`, code: p.issues[0]!.code, message: p.issues[0]!.message })));
    });
  } else {
    // One pass: problems are kept while checking, and good rows written a batch per statement. One batch is
    // written while the next is checked and encrypted (the database and the checks then work at once).
    const inFlight: Promise<void>[] = [];
    await walk(true, async (batch) => {
      if (inFlight.length >= WRITERS) await inFlight.shift();
      // Encrypted as one batch before the statement goes (a hardware module would take it as one request).
      // No transaction per batch: the insert is one statement, and the rare updates each stand alone (upsert mode
      // writes what it can; running the file again gives the same result).
      const write = encryptRows(ctx, batch.map((b) => b.row)).then(() => writeBatch(ctx.db, batch));
      write.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      inFlight.push(write);
    });
    await Promise.all(inFlight);
  }
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.import', objectType: 'person', countyCode: actor.scopeCode.slice(0, 6), detail: { mode: opts.mode, rows: report.rows, created: report.created, updated: report.updated, problems: report.problems.length } });
  return report;
}

/** The code tables a row is checked against, as "code or name → code". */
async function rowCodes(ctx: AppContext): Promise<RowCodes> {
  const items = async (id: string) => (await codesRepo.items(ctx.db, id)).filter((i) => i.active);
  return {
    personType: codeMap(await items('person_type')),
    sex: codeMap(await items('sex'), { 男: '1', 女: '2' }),
    ethnicity: codeMap(await items('ethnicity')),
  };
}

