/** CSV and XLSX writers for case exports (exceljs for XLSX; CSV with a BOM so Excel reads UTF-8), titled in the reader's language. */
import ExcelJS from 'exceljs';
import type { Locale } from '../../../core/errors.ts';
import { caseExportLabels } from '../../../core/cases/case-labels.ts';

const columns = ['code', 'createdAt', 'status', 'outcome', 'category', 'tier', 'channel', 'village', 'unitLevel', 'overdue', 'satisfaction', 'description'] as const;
const title = (locale: Locale, key: string) => caseExportLabels[locale][`head.${key}`] ?? key;

function cell(v: unknown): string {
  const s = String(v ?? '');
  // A leading = + - @ would make a spreadsheet run a formula (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text with a header row. */
export function toCsv(rows: Record<string, unknown>[], locale: Locale = 'zh-CN'): string {
  return '\ufeff' + [columns.map((k) => title(locale, k)).join(','), ...rows.map((r) => columns.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
}

/** An XLSX workbook with one sheet. */
export async function toXlsx(rows: Record<string, unknown>[], locale: Locale = 'zh-CN'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(caseExportLabels[locale].sheet);
  ws.columns = columns.map((key) => ({ key, header: title(locale, key), width: key === 'description' ? 60 : 16 }));
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((k) => [k, String(r[k] ?? '').replace(/^([=+\-@])/, "'$1")])));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
