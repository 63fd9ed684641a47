/** Reading persons files (CSV or XLSX, streamed) and writing the template and the error report. */
import { createReadStream, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { cstMinute } from '../../../core/calendar.ts';
import { AppError } from '../../../core/errors.ts';
import { personColumns, type RowIssue } from '../../../core/people/person-row.ts';
import { guardedXlsx } from './xlsx-guard.ts';

/** A refused row of an import, as the error report shows it. */
export interface ImportProblem {
  /** 1-based line of the file (the header is line 1). */
  row: number;
  cells: string[];
  issues: RowIssue[];
}

/** The rows of a file, read lazily (each call starts again from the first row). */
export type RowSource = () => AsyncIterable<string[]>;

/** Whether a path names an XLSX file (else CSV). */
export const isXlsx = (path: string) => /\.xlsx$/i.test(path);

/** Limits on reading a file: what memory it may take, whatever the file. */
export interface ReadLimits {
  /** Uncompressed bytes of an XLSX (the zip's entries together). */
  maxUncompressedBytes?: number;
}

/** The longest CSV record read (a person's row is a few hundred bytes; one giant field must not fill memory). */
const MAX_RECORD_BYTES = 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED = 256 * 1024 * 1024;

/**
 * Rows of a CSV (UTF-8, BOM allowed) or the first sheet of an XLSX file, as strings; `onBytes` hears the bytes read
 * (progress). An XLSX goes through `guardedXlsx` (sizes checked before reading, inflation counted). @throws IMPORT_LIMIT, IMPORT_INVALID
 */
export function fileRows(path: string, onBytes?: (n: number) => void, xlsx = isXlsx(path), limits: ReadLimits = {}): RowSource {
  if (!xlsx) {
    return async function* () {
      const s = createReadStream(path);
      if (onBytes) s.on('data', (chunk) => onBytes(chunk.length));
      const parser = s.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES }));
      s.on('error', (e) => parser.destroy(e));
      try {
        for await (const record of parser as AsyncIterable<string[]>) yield record;
      } catch (e) {
        if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new AppError('IMPORT_LIMIT', [{ path: 'file', code: 'record_too_large', message: `CSV 中有一行超过 ${MAX_RECORD_BYTES / 1024 / 1024} MB 的上限` }]);
        if ((e as { code?: string }).code?.startsWith('CSV_')) throw new AppError('IMPORT_INVALID', [{ path: 'file', code: 'bad_csv', message: 'CSV 格式有误（引号不成对或编码错误）' }]);
        throw e;
      } finally {
        s.destroy();
      }
    };
  }
  return async function* () {
    const { stream, failed } = await guardedXlsx(path, { maxUncompressedBytes: limits.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED }, onBytes);
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
    // Every step races the guard: a cut stream leaves ExcelJS waiting, the guard's failure ends the reading.
    const step = <T,>(p: Promise<T>) => Promise.race([p, failed]);
    try {
      const sheets = wb[Symbol.asyncIterator]();
      const first = await step(sheets.next());
      if (first.done) return;
      const rows = (first.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
      for (let r = await step(rows.next()); !r.done; r = await step(rows.next())) {
        const values = (r.value.values as unknown[]).slice(1); // ExcelJS rows are 1-based
        yield values.map(cellText);
      }
    } finally {
      stream.destroy();
    }
  };
}

/** A cell as text. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  // A long number (an ID typed into a number cell) has lost digits already: it fails the ID check, as it should.
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && 'richText' in (v as object)) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '');
  return String(v);
}

/** The XLSX template as bytes (served without touching the disk). */
export async function templateXlsx(codes: { table: string; code: string; name: string }[]): Promise<Buffer> {
  return Buffer.from(await (await templateWorkbook(codes)).xlsx.writeBuffer());
}

/** Writes an empty template with the headers users know (XLSX: text columns, and the code tables on a second sheet). */
export async function writeTemplate(path: string, codes: { table: string; code: string; name: string }[]): Promise<void> {
  const headers = personColumns.map((c) => c.header);
  if (!isXlsx(path)) {
    writeFileSync(path, '\uFEFF' + headers.join(',') + '\n');
    return;
  }
  await (await templateWorkbook(codes)).xlsx.writeFile(path);
}

async function templateWorkbook(codes: { table: string; code: string; name: string }[]): Promise<ExcelJS.Workbook> {
  const headers = personColumns.map((c) => c.header);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员 persons');
  ws.addRow(headers).font = { bold: true };
  // ID numbers, phones and grid codes are text: a number cell would round an 18-digit ID.
  for (const col of [2, 3, 4]) ws.getColumn(col).numFmt = '@';
  ws.columns.forEach((c) => (c.width = 18));
  const list = wb.addWorksheet('代码表 codes');
  list.addRow(['代码表 table', '代码 code', '名称 name']).font = { bold: true };
  for (const c of codes) list.addRow([c.table, c.code, c.name]);
  return wb;
}

/** The rows that were refused, each with its problems, so they can be fixed and imported again (XLSX bytes). */
export async function errorReportXlsx(header: string[], problems: ImportProblem[], total = problems.length): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误 problems');
  ws.addRow(['行号 row', '问题 problems', ...header]).font = { bold: true };
  for (const p of problems) ws.addRow([p.row, p.issues.map((i) => `${i.column}: ${i.message}`).join('；'), ...p.cells]);
  if (total > problems.length) ws.addRow(['', `另有 ${total - problems.length} 行有问题未列出（报告最多列 ${problems.length} 行）：请先改正以上各行后重新导入`]);
  for (let c = 3; c <= header.length + 2; c++) ws.getColumn(c).numFmt = '@';
  ws.getColumn(2).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes the error report to a file readable by its owner only (the CLI writes it beside the imported file). */
export async function writeErrorReport(path: string, header: string[], problems: ImportProblem[], total = problems.length): Promise<void> {
  writeFileSync(path, await errorReportXlsx(header, problems, total), { mode: 0o600 });
}

/** One exported person: masked values only (what lists show). */
export interface ExportedPerson {
  name: string; sex: string; age: number | null; personType: string; idNumber: string | null; phone: string | null; ethnicity: string; address: string | null; grid: string; relation: string;
}

const exportHeaders: [keyof ExportedPerson, string][] = [
  ['name', '姓名'], ['sex', '性别'], ['age', '年龄'], ['personType', '人员类型'], ['idNumber', '公民身份号码'], ['phone', '联系电话'],
  ['ethnicity', '民族'], ['address', '现住址'], ['grid', '所属网格'], ['relation', '与户主关系'],
];

/** The watermark of an export: the system, who exported, when (China time, UTC+8), a confidentiality note and what it holds. */
export function exportWatermark(actorName: string, now: Date, holds: string): string {
  return `安网 · 导出人 ${actorName} · ${cstMinute(now)}（北京时间） · 内部资料 注意保密 · ${holds}`;
}

/** An XLSX of masked persons under a watermark of who exported it and when. */
export function personsXlsx(rows: ExportedPerson[], watermark: string): Promise<Buffer> {
  return watermarkedXlsx('人员 persons', exportHeaders, rows, watermark, { 7: 30 });
}

/**
 * An XLSX of masked rows carrying a visible watermark of who exported it and when: a first row above the table,
 * the print header and footer of every page, and the document properties. `widths` by 0-based column.
 */
export async function watermarkedXlsx<T extends object>(sheet: string, headers: [keyof T, string][], rows: T[], watermark: string, widths: Record<number, number> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = watermark;
  wb.title = watermark;
  const ws = wb.addWorksheet(sheet, { headerFooter: { oddHeader: `&C${watermark}`, oddFooter: `&C${watermark} · &P/&N` } });
  ws.mergeCells(1, 1, 1, headers.length);
  const mark = ws.getCell(1, 1);
  mark.value = watermark;
  mark.font = { bold: true, color: { argb: 'FFC00000' } };
  ws.addRow(headers.map(([, h]) => h)).font = { bold: true };
  // A leading = + - @ would make a spreadsheet run a formula (CSV/XLSX injection): prefix a quote.
  for (const r of rows) ws.addRow(headers.map(([k]) => (typeof r[k] === 'string' ? (r[k] as string).replace(/^([=+\-@])/, "'$1") : r[k])));
  headers.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
