/**
 * Seeds the demo prefecture through the services (so it is audited and validated like any import),
 * plus household groups, grid staff and one demo account per role per level.
 */
import { personRoles, roleLabels } from '../../core/roles.ts';
import type { AppContext } from '../lib/context.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { addGroupsAndStaff, gridsWithGroups, importGrids } from '../modules/grids/grids.service.ts';
import { createUser, findAccountByUsername } from '../modules/users/users.service.ts';
import { demoAccountsExist } from '../modules/auth/auth.service.ts';
import type { GridStaffRole } from '../../core/roles.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { buildHaibei, personName } from './haibei.ts';
import { demoDepartments, seedDemoCases } from './demo-cases.ts';
import { seedDemoPeople } from './demo-people.ts';
import { seedDemoCalendar } from './demo-calendar.ts';
import { seedDemoPetitions } from './demo-petitions.ts';
import { seedPetitionHistory } from './demo-petition-history.ts';
import { seedDemoMediation } from './demo-mediation.ts';
import { seedDemoField } from './demo-field.ts';
import { seedDemoPatrols } from './demo-patrols.ts';

/** Ordinary petitions over three months beside the story ones (enough for figures of five and more per township). */
const DEMO_PETITION_HISTORY = 48;

export const DEMO_PASSWORD = 'Anwang@2026';

/** The levels demo accounts are made at, with the region each sits on. */
export const demoLevels = [
  { level: 'prefecture', code: '632200000000', label: '州 海北藏族自治州' },
  { level: 'county', code: '632221000000', label: '县 门源回族自治县' },
  { level: 'township', code: '632221100000', label: '镇 浩门镇' },
  { level: 'village', code: '632221100001', label: '社区 城关社区 (浩门镇)' },
] as const;

export interface SeedResult {
  regions: number;
  grids: number;
  accounts: { username: string; role: string; scope: string }[];
}

/** Builds the demo prefecture; safe to run twice (existing rows are kept, not duplicated). */
export async function seedDemo(ctx: AppContext, onProgress: (msg: string) => void = () => {}): Promise<SeedResult> {
  const root = systemActor(ROOT_SCOPE, 'demo-seed');
  const { regions, grids } = buildHaibei();
  // Numbered steps with counts: the whole build takes a minute or two, and each step says how far it is.
  const step = (n: number, msg: string) => onProgress(`[${n}/8] ${msg}`);
  step(1, `区划 regions: ${regions.length}`);
  const csv = ['code,name,parent_code', ...regions.map((r) => `${r.code},${r.name},${r.parentCode ?? ''}`)].join('\n');
  await importRegions(ctx, root, csv);
  step(2, `网格 grids: ${grids.length}`);
  await importGrids(ctx, root, JSON.stringify({ type: 'FeatureCollection', features: grids.map((g) => ({ type: 'Feature', properties: { code: g.code, name: g.name }, geometry: g.polygon })) }));
  onProgress(`节假日 holidays: ${await seedDemoCalendar(ctx, root)} days`);

  const done = await gridsWithGroups(ctx);
  const groups: Parameters<typeof addGroupsAndStaff>[2] = [];
  const staff: Parameters<typeof addGroupsAndStaff>[3] = [];
  let n = 0;
  const villagePolice = new Map<string, string>();
  for (const g of grids) {
    if (done.has(g.code)) continue;
    const village = g.code.slice(0, 12);
    if (!villagePolice.has(village)) villagePolice.set(village, personName(n++));
    const add = (role: GridStaffRole, name = personName(n++)) => staff.push({ gridCode: g.code, role, name });
    add('gridLeader');
    add('gridWorker');
    add('gridAssistant');
    add('gridAdviser');
    add('legalAdviser');
    add('villagePolice', villagePolice.get(village));
    add('partyMember');
    add('partyMember');
    const groupCount = 3 + (n % 2);
    for (let i = 1; i <= groupCount; i++) {
      const leader = personName(n++);
      groups.push({ gridCode: g.code, name: `${g.name.replace(/网格$/, '')}${i}组`, kind: 'household', leaderName: leader, memberCount: 8 + (n % 5) });
      add('householdLeader', leader);
    }
    // Communities also organise shops (十铺联防); pastoral villages, vehicles (十车).
    if (g.community) groups.push({ gridCode: g.code, name: `${g.name}十铺联防组`, kind: 'shop', leaderName: personName(n++), memberCount: 10 });
    else if (n % 5 === 0) groups.push({ gridCode: g.code, name: `${g.name}十车联防组`, kind: 'vehicle', leaderName: personName(n++), memberCount: 10 });
  }
  if (groups.length) {
    step(3, `联户组 household groups: ${groups.length}, 网格力量 staff: ${staff.length}`);
    await addGroupsAndStaff(ctx, root, groups, staff);
  }

  const accounts: SeedResult['accounts'] = [];
  for (const lvl of demoLevels) {
    for (const role of personRoles) {
      const username = `${lvl.level}.${role}`;
      accounts.push({ username, role, scope: lvl.label });
      // Each password is hashed with argon2 (slow on purpose): say how far the accounts are.
      if (accounts.length % 10 === 1) onProgress(`  演示账号 demo accounts ${accounts.length - 1}/${demoLevels.length * personRoles.length}`);
      if (await findAccountByUsername(ctx.db, username)) continue;
      await createUser(ctx, root, { username, displayName: `${lvl.label.split(' ')[1]} ${roleLabels[role]}`, password: DEMO_PASSWORD, role, scopeCode: lvl.code });
    }
  }
  step(4, `演示账号 demo accounts by level and role: ${accounts.length}`);
  const [households, people] = await seedDemoPeople(ctx, (m) => onProgress(`  ${m}`));
  step(5, people ? `户与人口 households: ${households}, persons: ${people}` : '户与人口：已有，跳过 households and persons: present already, skipped');
  const cases = await seedDemoCases(ctx, DEMO_PASSWORD, 120, (m) => onProgress(`  ${m}`));
  step(6, cases ? `演示案件 demo cases: ${cases} (部门处置人 department handlers: ${demoDepartments.length})` : '演示案件：已有，跳过 demo cases: present already, skipped');
  const petitions = await seedDemoPetitions(ctx, (m) => onProgress(`  ${m}`));
  // Three months of ordinary petitions across the townships, for the leaders' overview (only with the story's).
  const history = petitions ? await seedPetitionHistory(ctx, DEMO_PETITION_HISTORY, (m) => onProgress(`  ${m}`)) : 0;
  step(7, petitions ? `演示信访 demo petitions: ${petitions + history}` : '演示信访：已有，跳过 demo petitions: present already, skipped');
  const disputes = await seedDemoMediation(ctx, (m) => onProgress(`  ${m}`));
  step(8, disputes ? `演示调解 demo disputes: ${disputes} (调解委员会 committees: 4)` : '演示调解：已有，跳过 demo mediation: present already, skipped');
  // Issue 16: the village grid worker linked to 城关社区's grids, a few people under care, the county's visit tasks.
  onProgress(`  走访任务 visit tasks (门源县): ${await seedDemoField(ctx)}`);
  onProgress(`  巡查 patrols (village.gridWorker, 7 days): ${await seedDemoPatrols(ctx)}`);
  for (const d of demoDepartments) accounts.push({ username: d.username, role: 'handler', scope: d.name });
  return { regions: regions.length, grids: grids.length, accounts };
}

/** Every username the demo seed makes: one per role per level, and the department handlers. */
export function demoUsernames(): string[] {
  return [...demoLevels.flatMap((l) => personRoles.map((r) => `${l.level}.${r}`)), ...demoDepartments.map((d) => d.username)];
}

/** How many demo accounts the database holds (counted there, not from the seed's list). */
export async function countDemoAccounts(ctx: AppContext): Promise<number> {
  let n = 0;
  for (const u of demoUsernames()) if (await findAccountByUsername(ctx.db, u)) n++;
  return n;
}

/** True when the demo accounts exist (start-up then prints their logins). */
export async function hasDemoAccounts(ctx: AppContext): Promise<boolean> {
  return demoAccountsExist(ctx);
}
