/** CSV and XLSX writers for case exports (exceljs for XLSX; CSV with a BOM so Excel reads UTF-8). */
import ExcelJS from 'exceljs';

const headers: [string, string][] = [
  ['code', '编号'], ['createdAt', '上报时间'], ['status', '状态'], ['outcome', '结果'], ['category', '类别'], ['tier', '难度'],
  ['channel', '渠道'], ['village', '村(社区)'], ['unitLevel', '办理层级'], ['overdue', '超期'], ['satisfaction', '满意度'], ['description', '内容'],
];

function cell(v: unknown): string {
  const s = String(v ?? '');
  // A leading = + - @ would make a spreadsheet run a formula (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text with a header row. */
export function toCsv(rows: Record<string, unknown>[]): string {
  return '\ufeff' + [headers.map(([, h]) => h).join(','), ...rows.map((r) => headers.map(([k]) => cell(r[k])).join(','))].join('\r\n') + '\r\n';
}

/** An XLSX workbook with one sheet. */
export async function toXlsx(rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案件');
  ws.columns = headers.map(([key, header]) => ({ key, header, width: key === 'description' ? 60 : 16 }));
  for (const r of rows) ws.addRow(Object.fromEntries(headers.map(([k]) => [k, String(r[k] ?? '').replace(/^([=+\-@])/, "'$1")])));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
