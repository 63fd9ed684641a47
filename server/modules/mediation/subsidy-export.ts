/** The 以案定补 payment list as an XLSX workbook: the period in China-time days, one row per mediator, amounts in yuan, a total row. */
import ExcelJS from 'exceljs';

/** Builds the workbook of a period's subsidies. */
export async function subsidyWorkbook(s: { countyCode: string; from: string; to: string; rows: { name: string; committee: string; cases: Record<'agreed' | 'failed' | 'referred' | 'refused', number>; amountFen: number }[]; totalFen: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('以案定补');
  ws.addRow([`人民调解以案定补发放表（${s.countyCode}，${s.from} 至 ${s.to}）`]);
  ws.addRow(['序号', '调解员', '调解委员会', '调解成功（件）', '调解不成（件）', '移交（件）', '当事人拒绝（件）', '补贴金额（元）']);
  // Names come from staff records; a leading = + - @ would be read as a formula.
  const text = (v: string) => v.replace(/^([=+\-@])/, "'$1");
  s.rows.forEach((r, i) => ws.addRow([i + 1, text(r.name), text(r.committee), r.cases.agreed, r.cases.failed, r.cases.referred, r.cases.refused, r.amountFen / 100]));
  const sum = (k: 'agreed' | 'failed' | 'referred' | 'refused') => s.rows.reduce((n, r) => n + r.cases[k], 0);
  ws.addRow(['合计', '', '', sum('agreed'), sum('failed'), sum('referred'), sum('refused'), s.totalFen / 100]);
  ws.getColumn(8).numFmt = '0.00';
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
