/**
 * One row of a persons import (CSV or XLSX): headers as users know them (姓名, 公民身份号码, 联系电话, 所属网格,
 * 人员类型…) with English aliases, and each cell checked the way the registry checks a single entry.
 */
import { normaliseMobile } from '../contact.ts';
import { parseIdNumber } from './id-number.ts';

export const personColumns = [
  { key: 'name', header: '姓名', aliases: ['name', 'full name', 'fullname'], required: true },
  { key: 'idNumber', header: '公民身份号码', aliases: ['身份证号', '身份证号码', '身份证', 'id number', 'idnumber', 'id_number', 'id'], required: false },
  { key: 'phone', header: '联系电话', aliases: ['手机号', '手机号码', '手机', '电话', 'phone', 'mobile'], required: false },
  { key: 'gridCode', header: '所属网格', aliases: ['网格编码', '网格', 'grid', 'grid code', 'grid_code', 'gridcode'], required: true },
  { key: 'personType', header: '人员类型', aliases: ['人口类型', '人员类别', 'person type', 'person_type', 'persontype', 'type'], required: true },
  { key: 'sex', header: '性别', aliases: ['sex', 'gender'], required: false },
  { key: 'ethnicity', header: '民族', aliases: ['ethnicity', 'ethnic group', 'nation'], required: false },
  { key: 'address', header: '现住址', aliases: ['住址', '地址', '现住地址', 'address'], required: false },
] as const;

export type PersonColumn = (typeof personColumns)[number]['key'];

export interface RowIssue {
  column: string;
  code: string;
  message: string;
}

export interface PersonRowValue {
  name: string;
  idNumber?: string;
  sex?: string;
  birthDate?: string;
  phone?: string;
  gridCode: string;
  personType: string;
  ethnicity?: string;
  address?: string;
}

/** Code tables as "code or name → code" maps. */
export interface RowCodes {
  personType: Map<string, string>;
  sex: Map<string, string>;
  ethnicity: Map<string, string>;
}

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Which column holds each field. @returns the positions, and problems (missing required or repeated columns) */
export function mapHeader(cells: string[]): { index: Partial<Record<PersonColumn, number>>; problems: RowIssue[] } {
  const index: Partial<Record<PersonColumn, number>> = {};
  const problems: RowIssue[] = [];
  cells.forEach((cell, i) => {
    const h = norm(cell);
    const col = personColumns.find((c) => norm(c.header) === h || c.aliases.some((a) => norm(a) === h));
    if (!col) return;
    if (index[col.key] !== undefined) problems.push({ column: cell, code: 'repeated_column', message: `列「${col.header}」出现两次` });
    else index[col.key] = i;
  });
  for (const c of personColumns) if (c.required && index[c.key] === undefined) problems.push({ column: c.header, code: 'missing_column', message: `缺少必填列「${c.header}」` });
  return { index, problems };
}

/** A code-table map from its items: both the code and the name (and short forms such as 男/女) lead to the code. */
export function codeMap(items: { code: string; name: string }[], extra: Record<string, string> = {}): Map<string, string> {
  const m = new Map<string, string>();
  for (const it of items) {
    m.set(it.code, it.code);
    m.set(it.name, it.code);
  }
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}

/** Checks one data row; `today` (YYYY-MM-DD) bounds birth dates. */
export function validatePersonRow(cells: string[], index: Partial<Record<PersonColumn, number>>, codes: RowCodes, today: string): { value: PersonRowValue } | { issues: RowIssue[] } {
  const get = (k: PersonColumn) => {
    const i = index[k];
    return i === undefined ? '' : String(cells[i] ?? '').trim();
  };
  const issues: RowIssue[] = [];
  const bad = (k: PersonColumn, code: string, message: string) => issues.push({ column: personColumns.find((c) => c.key === k)!.header, code, message });
  const name = get('name');
  if (!name) bad('name', 'required', '姓名不能为空');
  else if ([...name].length > 50) bad('name', 'too_long', '姓名超过50字');
  const gridCode = get('gridCode');
  // A blank required cell says it is required (naming its column), not that "" is an unknown value.
  if (!gridCode) bad('gridCode', 'required', '所属网格不能为空');
  else if (!/^\d{15}$/.test(gridCode)) bad('gridCode', 'bad_grid_code', '所属网格应为15位网格编码');
  const typeCell = get('personType');
  const personType = codes.personType.get(typeCell);
  if (!typeCell) bad('personType', 'required', '人员类型不能为空');
  else if (!personType) bad('personType', 'unknown_code', `人员类型「${typeCell}」不在代码表中`);
  let idNumber: string | undefined, sex: string | undefined, birthDate: string | undefined;
  const idCell = get('idNumber');
  if (idCell) {
    const p = parseIdNumber(idCell, today);
    if ('problem' in p) bad('idNumber', `id_${p.problem}`, { format: '号码应为18位（或15位旧号）', address_code: '地址码无效', birth_date: '出生日期无效', check_digit: '校验码错误' }[p.problem]);
    else {
      idNumber = p.number;
      sex = p.sex === 'male' ? '1' : '2';
      birthDate = p.birthDate;
    }
  }
  const sexCell = get('sex');
  if (sexCell) {
    const s = codes.sex.get(sexCell);
    if (!s) bad('sex', 'unknown_code', `性别「${sexCell}」不在代码表中`);
    else if (sex && s !== sex) bad('sex', 'sex_mismatch', '性别与身份证号不符');
    else sex = s;
  }
  const ethCell = get('ethnicity');
  const ethnicity = ethCell ? codes.ethnicity.get(ethCell) : undefined;
  if (ethCell && !ethnicity) bad('ethnicity', 'unknown_code', `民族「${ethCell}」不在代码表中`);
  const phoneCell = get('phone');
  const phone = phoneCell ? (normaliseMobile(phoneCell) ?? undefined) : undefined;
  if (phoneCell && !phone) bad('phone', 'bad_mobile', '手机号码格式不正确');
  const address = get('address') || undefined;
  if (address && [...address].length > 200) bad('address', 'too_long', '住址超过200字');
  if (issues.length) return { issues };
  return { value: { name, idNumber, sex, birthDate, phone, gridCode, personType: personType!, ethnicity, address } };
}
