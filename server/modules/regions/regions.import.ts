/**
 * Validation of a region CSV (`code,name,parent_code`): every problem is reported with its row
 * number and nothing is written unless the whole file is valid. Pure: the caller supplies the
 * regions already in the database.
 */
import { parseCsv } from '../../../core/csv.ts';
import { impliedParentCode, isRegionCode, levelOfCode, regionLevels, subtreePrefix, type RegionLevel } from '../../../core/region-code.ts';
import type { FieldIssue } from '../../../core/errors.ts';

/** A value as echoed in a message: never more than 40 characters. */
const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

export interface RegionDraft {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

export interface ExistingRegion {
  code: string;
  level: string;
  path: string;
}

/** Parses and checks a region CSV; returns rows in parent-first order, or the issues found. */
export function planRegionImport(text: string, existing: Map<string, ExistingRegion>): { rows: RegionDraft[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const table = parseCsv(text);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  if (header.join(',') !== 'code,name,parent_code') {
    return { rows: [], issues: [{ path: 'row 1', code: 'bad_header', message: '表头应为 code,name,parent_code' }] };
  }
  const seen = new Map<string, { line: number; level: RegionLevel; parent: string | null; name: string }>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const [code = '', name = '', parent = ''] = cells.map((c) => c.trim());
    const add = (code2: string, message: string) => issues.push({ path: `row ${line}`, code: code2, message });
    if (cells.length !== 3) return add('bad_columns', `应有3列，实际${cells.length}列`);
    if (!isRegionCode(code)) return add('bad_code', `区划代码 "${clip(code)}" 不是12位数字`);
    if (!name) return add('missing_name', '名称为空');
    if (name.length > 100) return add('name_too_long', `名称有 ${name.length} 个字符，最多100个`);
    if (seen.has(code)) return add('duplicate', `区划代码 ${code} 与第${seen.get(code)!.line}行重复`);
    const level = levelOfCode(code);
    if (parent && !isRegionCode(parent)) return add('bad_parent', `上级代码 "${clip(parent)}" 不是12位数字`);
    if (!parent && level !== 'province' && !existing.has(impliedParentCode(code) ?? '')) {
      return add('missing_parent', `${code} 缺少上级代码`);
    }
    seen.set(code, { line, level, parent: parent || null, name });
  });
  // Second pass: parents must exist (in the file or the database), sit higher, and contain the code.
  const rows: RegionDraft[] = [];
  const levelOf = (c: string) => seen.get(c)?.level ?? (existing.get(c)?.level as RegionLevel | undefined);
  for (const [code, r] of seen) {
    const parent = r.parent ?? (r.level === 'province' ? null : impliedParentCode(code));
    if (parent) {
      const pl = levelOf(parent);
      if (!pl) {
        issues.push({ path: `row ${r.line}`, code: 'unknown_parent', message: `上级 ${parent} 不存在` });
        continue;
      }
      // The parent is the level the digits imply, unless that node does not exist (e.g. a 省直辖县级市
      // whose prefecture digits are the 90 summary code): then any containing higher node will do.
      const implied = impliedParentCode(code);
      const skipsExisting = implied !== null && parent !== implied && levelOf(implied) !== undefined;
      if (skipsExisting || regionLevels.indexOf(pl) >= regionLevels.indexOf(r.level) || !code.startsWith(subtreePrefix(parent))) {
        issues.push({ path: `row ${r.line}`, code: 'parent_mismatch', message: `上级 ${parent} 与代码 ${code} 的层级不符` });
        continue;
      }
    }
    rows.push({ code, name: r.name, level: r.level, parentCode: parent, path: '' });
  }
  if (issues.length > 0) return { rows: [], issues: issues.sort((a, b) => Number(a.path.slice(4)) - Number(b.path.slice(4))) };
  rows.sort((a, b) => regionLevels.indexOf(a.level) - regionLevels.indexOf(b.level) || a.code.localeCompare(b.code));
  const paths = new Map<string, string>();
  for (const r of rows) {
    const parentPath = r.parentCode ? (paths.get(r.parentCode) ?? existing.get(r.parentCode)?.path) : undefined;
    r.path = parentPath ? `${parentPath}/${r.code}` : r.code;
    paths.set(r.code, r.path);
  }
  return { rows, issues: [] };
}
