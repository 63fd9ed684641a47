/** Every UI string exists in all three languages, and every key the code asks for is defined. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { personRoles, gridDuties, gridStaffRoles } from '../core/roles.ts';
import { caseActions, caseStatuses } from '../core/workflow/case-workflow.ts';
import { handlingLevels, tiers } from '../core/cases/triage.ts';

/** A language's strings from its area files; a key defined in two files fails here, since the app would keep only one. */
function load(l: string): Record<string, string> {
  const all: Record<string, string> = {};
  const dir = join('web/src/locales', l);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const strings = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>;
    const twice = Object.keys(strings).filter((k) => k in all);
    if (twice.length) throw new Error(`${l}/${f} defines keys already defined elsewhere: ${twice.join(', ')}`);
    Object.assign(all, strings);
  }
  return all;
}
const zhCN = load('zh-CN'), zhTW = load('zh-TW'), en = load('en');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('translations', () => {
  it('have the same keys in zh-CN, zh-TW and en, none empty', () => {
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(zhCN).sort());
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const d of [zhCN, zhTW, en]) expect(Object.entries(d).filter(([, v]) => !v.trim())).toEqual([]);
  });
  it('define every literal key used in the web code and every role, duty and staff role', () => {
    const used = new Set<string>();
    for (const f of sources('web/src')) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(40); // the scan found the code's keys
    for (const r of personRoles) used.add(`role.${r}`);
    for (const d of gridDuties) used.add(`duty.${d}`);
    for (const s of gridStaffRoles) used.add(`staff.${s}`);
    for (const s of caseStatuses) used.add(`status.${s}`);
    for (const a of [...caseActions, 'submit', 'mergedIn', 'deadlineWarned', 'deadlineBreached']) used.add(`action.${a}`);
    for (const x of tiers) used.add(`tier.${x}`);
    for (const x of handlingLevels) used.add(`level.${x}`);
    for (const x of ['web', 'visit', 'letter', 'phone', 'video', 'hotline', 'patrol', 'alarm', 'open311', 'app']) used.add(`channel.${x}`);
    expect([...used].filter((k) => !(k in zhCN))).toEqual([]);
  });
});
