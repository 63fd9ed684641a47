/**
 * Persons import from CSV or XLSX, streamed: rows are checked as single entries are (ID numbers, phones, code
 * tables, the grid inside the importer's scope), repeated ID numbers in the file are reported, and valid rows are
 * written a batch at a time, each batch in one transaction with its audit row. An ID number already registered
 * outside the importer's scope is refused with a message that does not say where. Mode `upsert` writes the good rows and reports the bad ones; mode `all` writes
 * nothing unless every row is good (it reads the file twice: check, then write in one transaction).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { codeMap, mapHeader, validatePersonRow, type RowCodes, type RowIssue } from '../../../core/people/person-row.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission, scopePrefix } from '../../lib/access.ts';
import { today as todayOf } from '../../lib/clock.ts';
import * as audit from '../audit/audit.service.ts';
import { gridCodesUnder } from '../grids/grids.service.ts';
import { activeItems } from '../codes/codes.service.ts';
import * as repo from './people.repository.ts';
import { ALREADY_REGISTERED, encryptRows, personRow } from './persons.service.ts';
import type { ImportProblem, RowSource } from './person-files.ts';

export interface ImportReport {
  mode: 'upsert' | 'all';
  header: string[];
  rows: number;
  created: number;
  updated: number;
  /** Rows of persons already registered in scope whose values were the same: nothing written. */
  unchanged: number;
  /** The first `maxProblems` refused rows (the error report); `problemCount` counts them all. */
  problems: ImportProblem[];
  problemCount: number;
  /** True when mode `all` found problems and wrote nothing. */
  rejected: boolean;
  /** The id written on every audit row of this import (one per batch, one for the whole). */
  job: string;
}

/** Limits of one import; the defaults bound memory whatever the file (see config.ts for the web's). */
export interface ImportLimits {
  /** Data rows read at most (the header aside); more fail with IMPORT_LIMIT. */
  maxRows?: number;
  /** Refused rows kept for the error report; the rest are counted only. */
  maxProblems?: number;
}

const BATCH = 2500;
// Batches written at once on their own connections: the file holds each ID number once (checked while reading),
// so concurrent batches never touch the same person.
const WRITERS = 2;
// The refused-row report keeps at most this many columns and characters a cell (a row of 100,000-character cells
// must not hold the server's memory for an hour).
const REPORT_COLUMNS = 40;
const REPORT_CELL_CHARS = 200;
// Rows checked between two yields to the event loop: requests are answered while a large file is read.
const YIELD_EVERY = 500;
/** The answer for an ID number registered where the importer cannot see: it must not tell where. */
export const registeredElsewhere: RowIssue = { column: '公民身份号码', code: 'already_registered', message: ALREADY_REGISTERED };

type Item = { line: number; cells: string[]; row: repo.PersonRow };

/**
 * Imports persons from `source` (called once, or twice in mode `all`). A row whose ID number is registered outside
 * the importer's scope is refused (never updated, never located); in-scope updates write history rows like manual
 * edits. Each batch commits in one transaction with its audit row (job id and counts), so an import killed midway
 * leaves every committed record audited. @throws FORBIDDEN, IMPORT_INVALID (bad header), IMPORT_LIMIT (too many rows)
 */
export async function importPersons(ctx: AppContext, actor: Actor, source: RowSource, opts: { mode: 'upsert' | 'all'; onProgress?: (rows: number) => void; limits?: ImportLimits; jobId?: string; batchSize?: number }): Promise<ImportReport> {
  requirePermission(actor, 'person:write');
  const prefix = scopePrefix(actor);
  const maxRows = opts.limits?.maxRows ?? Infinity;
  const maxProblems = opts.limits?.maxProblems ?? 10_000;
  const batchSize = opts.batchSize ?? BATCH;
  const codes = await rowCodes(ctx);
  const grids = new Map((await gridCodesUnder(ctx.db, prefix)).map((g) => [g.code, g]));
  const today = todayOf(ctx.clock);
  const report: ImportReport = { mode: opts.mode, header: [], rows: 0, created: 0, updated: 0, unchanged: 0, problems: [], problemCount: 0, rejected: false, job: opts.jobId ?? randomUUID() };
  const auditCounty = actor.scopeCode.slice(0, 6);
  let batches = 0;
  const refuse = (line: number, cells: string[], issues: RowIssue[]) => {
    report.problemCount++;
    if (report.problems.length < maxProblems) report.problems.push({ row: line, cells: reportCells(cells), issues });
  };

  /** Walks the file; hands each batch of good rows to `write`; `record` counts rows and keeps the problems. */
  const walk = async (record: boolean, write?: (batch: Item[]) => Promise<void>) => {
    const seen = new Map<string, number>();
    let header: ReturnType<typeof mapHeader> | undefined;
    let line = 0;
    let dataRows = 0;
    let batch: Item[] = [];
    const now = ctx.clock.now();
    for await (const cells of source()) {
      line++;
      if (!header) {
        header = mapHeader(cells);
        report.header = reportCells(cells.map(String));
        if (header.problems.length) throw new AppError('IMPORT_INVALID', header.problems.map((p) => ({ path: 'row 1', code: p.code, message: p.message })));
        continue;
      }
      if (line % YIELD_EVERY === 0) await yieldToRequests();
      if (cells.every((c) => String(c ?? '').trim() === '')) continue;
      if (++dataRows > maxRows) throw new AppError('IMPORT_LIMIT', [{ path: 'file', code: 'too_many_rows', message: `超过每个文件 ${maxRows} 行的上限，请拆分文件` }]);
      if (record) report.rows++;
      const checked = validatePersonRow(cells.map((c) => String(c ?? '')), header.index, codes, today);
      const issues = 'issues' in checked ? [...checked.issues] : [];
      const grid = 'value' in checked ? grids.get(checked.value.gridCode) : undefined;
      if ('value' in checked && !grid) issues.push({ column: '所属网格', code: 'unknown_grid', message: `网格 ${truncate(checked.value.gridCode)} 不存在或不在您的范围内` });
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
        if (record) refuse(line, cells.map(String), issues);
        continue;
      }
      if (write && row) {
        batch.push({ line, cells: cells.map(String), row });
        if (batch.length >= batchSize) {
          await write(batch);
          batch = [];
          await yieldToRequests();
        }
      }
      if (line % 10_000 === 0) opts.onProgress?.(line - 1);
    }
    if (!header) throw new AppError('IMPORT_INVALID', [{ path: 'row 1', code: 'empty_file', message: '文件为空' }]);
    if (write && batch.length) await write(batch);
    opts.onProgress?.(line - 1);
  };

  /**
   * Writes a batch whose values are already encrypted (`encryptRows`) inside `tx`: one statement inserts the new
   * persons and tells which known ones are in scope; those are updated (with history rows), the others refused;
   * the batch's audit row commits with it.
   */
  const writeBatch = async (tx: Executor, batch: Item[]) => {
    const n = ++batches;
    const known = await repo.insertUnregistered(tx, batch.map((b) => b.row), prefix);
    const byHash = new Map(known.map((k) => [k.hash, k]));
    let created = 0, updated = 0, unchanged = 0, refused = 0;
    const history: repo.HistoryRow[] = [];
    for (const { line, cells, row } of batch) {
      const k = row.idNumberHash ? byHash.get(row.idNumberHash) : undefined;
      if (!k) {
        created++;
        continue;
      }
      const outcome = await applyKnown(tx, k, row);
      if (outcome === 'unchanged') unchanged++;
      else if (Array.isArray(outcome)) {
        updated++;
        history.push(...outcome);
      } else {
        refused++;
        refuse(line, cells, [outcome]);
      }
    }
    await repo.addHistory(tx, history);
    // Imported records carry no 'created' history row each: this audit row (job, batch, counts), committed with the
    // batch, and created_at date them; history starts with the record's first move or change.
    await audit.record(tx, ctx, actor, { action: 'person.import.batch', objectType: 'person', countyCode: auditCounty, detail: { job: report.job, batch: n, created, updated, unchanged, refused } });
    report.created += created;
    report.updated += updated;
    report.unchanged += unchanged;
  };

  /** Updates an in-scope known person from a row (history rows returned), or says why not. */
  const applyKnown = async (tx: Executor, k: repo.KnownPerson, row: repo.PersonRow): Promise<RowIssue | 'unchanged' | repo.HistoryRow[]> => {
    if (!k.inScope) return registeredElsewhere;
    if (k.countyCode !== row.countyCode) return { column: '公民身份号码', code: 'registered_elsewhere', message: '已在其他县登记，请先在原登记地迁出' };
    const moved = k.gridCode !== row.gridCode;
    if (moved && k.householdId) return { column: '所属网格', code: 'in_household', message: '户内成员随户迁移：请迁移整户，或先将其移出原户' };
    const fields = [
      ['name', k.nameHash !== row.nameHash],
      ['phone', k.phoneHash !== row.phoneHash],
      ['address', (k.address ?? null) !== (row.address ?? null)],
      ['personType', k.personType !== row.personType],
      ['ethnicity', (k.ethnicity ?? null) !== (row.ethnicity ?? null)],
    ].flatMap(([f, changed]) => (changed ? [f as string] : []));
    if (!moved && !fields.length) return 'unchanged';
    if (!(await repo.updateImported(tx, { countyCode: k.countyCode!, id: k.id!, version: k.version! }, row, prefix))) return { column: '公民身份号码', code: 'stale', message: '记录已被他人修改，请重新导入该行' };
    const at = ctx.clock.now();
    const base = { countyCode: k.countyCode!, objectType: 'person', objectId: k.id!, actorId: actor.id, actorName: actor.name, at };
    const rows: repo.HistoryRow[] = [];
    if (moved) rows.push({ ...base, event: 'moved', fromGrid: k.gridCode!, toGrid: row.gridCode, data: { reason: '批量导入', job: report.job } });
    if (fields.length) rows.push({ ...base, event: 'changed', fromGrid: null, toGrid: row.gridCode, data: { fields, job: report.job } });
    return rows;
  };

  if (opts.mode === 'all') {
    await walk(true);
    if (report.problemCount) {
      report.rejected = true;
      await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.import', objectType: 'person', countyCode: auditCounty, outcome: 'failure', detail: summary(report) });
      return finish(report);
    }
    await ctx.db.transaction(async (tx) => {
      await walk(false, async (batch) => {
        await encryptRows(ctx, batch.map((b) => b.row));
        await writeBatch(tx, batch);
      });
      if (report.problemCount) throw new AppError('CONFLICT', report.problems.slice(0, 20).map((p) => ({ path: `row ${p.row}`, code: p.issues[0]!.code, message: p.issues[0]!.message })));
      await audit.record(tx, ctx, actor, { action: 'person.import', objectType: 'person', countyCode: auditCounty, detail: summary(report) });
    });
    return finish(report);
  }
  // One pass: problems are kept while checking, and good rows written a batch per transaction (the batch's insert
  // statement, its few in-scope updates and history rows, and its audit row). One batch is written while the next
  // is checked and encrypted (the database and the checks then work at once).
  const inFlight: Promise<void>[] = [];
  try {
    await walk(true, async (batch) => {
      if (inFlight.length >= WRITERS) await inFlight.shift();
      // Encrypted as one batch before the statement goes (a hardware module would take it as one request).
      const write = encryptRows(ctx, batch.map((b) => b.row)).then(() => ctx.db.transaction((tx) => writeBatch(tx, batch)));
      write.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      inFlight.push(write);
    });
  } finally {
    // A failure while reading (a limit, a broken file) still lets the batches under way commit with their audit rows.
    await Promise.allSettled(inFlight);
  }
  await Promise.all(inFlight);
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.import', objectType: 'person', countyCode: auditCounty, detail: summary(report) });
  return finish(report);
}

/** What the import's audit rows say of it (counts, never values). */
const summary = (r: ImportReport) => ({ job: r.job, mode: r.mode, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, problems: r.problemCount });

/** Refused rows in file order (some are found only when their batch is written). */
function finish(r: ImportReport): ImportReport {
  r.problems.sort((a, b) => a.row - b.row);
  return r;
}

/** A cell as kept in the error report and messages: bounded in length. */
export function truncate(v: string, max = REPORT_CELL_CHARS): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

const reportCells = (cells: string[]) => cells.slice(0, REPORT_COLUMNS).map((c) => truncate(c));

/** Lets the event loop answer waiting requests (a macrotask turn, not a microtask). */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The code tables a row is checked against, as "code or name → code". */
async function rowCodes(ctx: AppContext): Promise<RowCodes> {
  const items = (id: string) => activeItems(ctx.db, id);
  return {
    personType: codeMap(await items('person_type')),
    sex: codeMap(await items('sex'), { 男: '1', 女: '2' }),
    ethnicity: codeMap(await items('ethnicity')),
  };
}

