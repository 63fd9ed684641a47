import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { createTestEnv, fixture, makeUser, seedDepartments, seedFixture, type TestEnv } from '../../test/harness.ts';
import * as catalog from './catalog.service.ts';

let env: TestEnv;
let depts: { housing: string; market: string };
let county: Actor, prefecture: Actor, otherCounty: Actor;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  depts = await seedDepartments(env.ctx);
  const admin = async (name: string, scopeCode: string): Promise<Actor> => ({ kind: 'user', id: await makeUser(env.ctx, name, 'sysadmin', scopeCode), name, role: 'sysadmin', scopeCode });
  county = await admin('county.sys', fixture.county);
  prefecture = await admin('pref.sys', fixture.prefecture);
  // A county the fixture has no regions for: its administrator is an actor, not an account.
  otherCounty = { kind: 'user', id: randomUUID(), name: 'other.sys', role: 'sysadmin', scopeCode: '632222000000' };
});
afterAll(() => env?.close());

const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => e.code);

describe('departments are edited with their county named', () => {
  it('lists each department with its county name, not only its code', async () => {
    const list = await catalog.listDepartments(env.ctx, county);
    expect(list.find((d) => d.id === depts.housing)).toMatchObject({ countyCode: '632221', countyName: '门源回族自治县', active: true });
  });
  it('renames a department and makes a set of categories exactly what it owns (routing follows)', async () => {
    const d = await catalog.updateDepartment(env.ctx, county, depts.housing, { name: '县住建局', categoryIds: ['municipal.road', 'market.food'] });
    expect(d.name).toBe('县住建局');
    expect([...d.categoryIds].sort()).toEqual(['market.food', 'municipal.road']);
    expect(await catalog.departmentOwning(env.ctx.db, '632221', 'market.food')).toBe(depts.housing); // taken from 市场监管
    expect(await catalog.departmentOwning(env.ctx.db, '632221', 'municipal.water')).toBeNull(); // no longer owned
    const [row] = await env.ctx.database.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'department.update' ORDER BY id DESC LIMIT 1");
    expect(row?.action).toBe('department.update');
  });
  it('refuses a name another department of the county has, an unknown category, and a department out of scope', async () => {
    expect(await code(catalog.updateDepartment(env.ctx, county, depts.housing, { name: '县市场监督管理局' }))).toBe('CONFLICT');
    expect(await code(catalog.updateDepartment(env.ctx, county, depts.housing, { categoryIds: ['no.such'] }))).toBe('VALIDATION_FAILED');
    expect(await code(catalog.updateDepartment(env.ctx, otherCounty, depts.housing, { name: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('holidays set one day at a time (the calendar tab)', () => {
  it('marks a county day as a holiday, then a 调休 workday, then normal again; deadlines read it at once', async () => {
    await catalog.setCalendarDay(env.ctx, county, { countyCode: '632221', day: '2026-11-16', kind: 'holiday', name: '县庆' });
    expect((await catalog.workCalendar(env.ctx, env.ctx.db, '632221')).holidays.has('2026-11-16')).toBe(true);
    expect((await catalog.workCalendar(env.ctx, env.ctx.db, '632222')).holidays.has('2026-11-16')).toBe(false); // another county's days never apply
    await catalog.setCalendarDay(env.ctx, county, { countyCode: '632221', day: '2026-11-21', kind: 'workday', name: '调休上班' });
    expect((await catalog.workCalendar(env.ctx, env.ctx.db, '632221')).workdays.has('2026-11-21')).toBe(true);
    await catalog.setCalendarDay(env.ctx, county, { countyCode: '632221', day: '2026-11-16', kind: 'normal', name: '' });
    const cal = await catalog.workCalendar(env.ctx, env.ctx.db, '632221');
    expect(cal.holidays.has('2026-11-16')).toBe(false);
    const listed = await catalog.listCalendar(env.ctx, county);
    expect(listed.find((r) => r.day === '2026-11-21')).toMatchObject({ countyCode: '632221', countyName: '门源回族自治县', kind: 'workday' });
  });
  it('lets only a prefecture administrator change the days shared by every county, and nobody another county', async () => {
    expect(await code(catalog.setCalendarDay(env.ctx, county, { countyCode: '000000', day: '2026-12-24', kind: 'holiday', name: '' }))).toBe('INVALID_SCOPE');
    expect(await code(catalog.setCalendarDay(env.ctx, otherCounty, { countyCode: '632221', day: '2026-12-24', kind: 'holiday', name: '' }))).toBe('INVALID_SCOPE');
    expect(await code(catalog.setCalendarDay(env.ctx, prefecture, { countyCode: '000000', day: '2026-12-24', kind: 'holiday', name: '测试' }))).toBe('ok');
  });
});

describe('deadline policies name their county', () => {
  it('answers the county name beside its code (the default rows have none)', async () => {
    await catalog.setPolicy(env.ctx, county, { countyCode: '632221', categoryId: '*', tier: 'minor', firstResponseMinutes: 30, stageMinutes: 1440, totalMinutes: 2880, mode: 'working' });
    const rows = await catalog.listPolicies(env.ctx, county);
    expect(rows.find((r) => r.countyCode === '632221')?.countyName).toBe('门源回族自治县');
    expect(rows.find((r) => r.countyCode === '000000')?.countyName).toBeNull();
  });
});
