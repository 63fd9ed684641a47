/**
 * Extension records of a person (GB/T 31000 modules 2–4): migrant, left-behind, foreign, special groups (with the
 * 0–5 risk grade of severe mental illness), youth at risk, care groups. Categories come from code tables; what is
 * sensitive (criminal or drug history, diagnosis, HIV status…) is stored encrypted and never listed.
 * Counts by kind are shown to anyone with person:read, with counts below 5 suppressed.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { suppressSmall } from '../../../core/people/masks.ts';
import { isRegionCode, subtreePrefix, inScope } from '../../../core/region-code.ts';
import { recordKinds, type ExpiringQuery, type PeopleStatsQuery, type PersonRecordSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './people.repository.ts';
import { expiryFields, recordFieldProblems, recordFields } from '../../../core/people/record-fields.ts';
import { addDays, cstDate, daysBetween } from '../../../core/calendar.ts';
import { presentPerson } from './people.presenter.ts';
import { gridFor } from './persons.service.ts';
import { codeNames } from '../codes/codes.service.ts';
import { codeProblems, requirePermission, scopePrefix } from './persons.service.ts';

/** Adds a record to a person. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, INVALID_TRANSITION (archived) */
export async function addRecord(ctx: AppContext, actor: Actor, personId: string, input: z.infer<typeof PersonRecordSchema>) {
  requirePermission(actor, 'person:write');
  const table = recordKinds[input.kind];
  if (table && !input.category) throw new AppError('VALIDATION_FAILED', [{ path: 'body.category', code: 'required', message: `${input.kind} 需要类别 (code table ${table})` }]);
  const issues = table ? await codeProblems(ctx, ctx.db, [['body.category', table, input.category]]) : [];
  // The national grade applies to 严重精神障碍患者 (special group 03) only.
  const mental = input.kind === 'special_group' && input.category === '03';
  if (input.riskLevel !== undefined && mental !== /^[0-5]$/.test(input.riskLevel)) issues.push({ path: 'body.riskLevel', code: 'bad_risk_level', message: mental ? '危险性评估等级为 0–5 级' : '关注程度为 normal / medium / serious' });
  if (input.data) {
    const tables = Object.values(recordFields[input.kind] ?? {}).flatMap((f) => (f.table ? [f.table] : []));
    const names = await codeNames(ctx, tables);
    for (const f of recordFieldProblems(input.kind, input.data, (table, code) => names[table]?.has(code) ?? false)) issues.push({ path: `body.data.${f.field}`, code: f.code, message: f.message });
  }
  if (input.since && input.until && input.until < input.since) issues.push({ path: 'body.until', code: 'before_since', message: '结束日期早于开始日期' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const p = await repo.personInScope(ctx.db, personId, scopePrefix(actor));
  if (!p) throw new AppError('NOT_FOUND');
  if (p.status !== 'active') throw new AppError('INVALID_TRANSITION'); // archived: moved away or died
  const now = ctx.clock.now();
  const row: repo.PersonRecordRow = { countyCode: p.countyCode, id: randomUUID(), personId: p.id, kind: input.kind, category: input.category ?? null, riskLevel: input.riskLevel ?? null, data: input.data ?? null, dataEnc: input.sensitive ? ctx.crypto.encrypt(JSON.stringify(input.sensitive)) : null, since: input.since ?? null, until: input.until ?? null, active: true, createdAt: now, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    await repo.insertRecord(tx, row);
    // The kind and category are themselves sensitive (特定身份): the audit row says a record was added, not which.
    await audit.record(tx, ctx.clock, actor, { action: 'person.addRecord', objectType: 'person', objectId: p.id, countyCode: p.countyCode });
  });
  return presentRecord(row);
}

/** A record as shown on the person's page: never the encrypted part. */
export function presentRecord(r: repo.PersonRecordRow) {
  return { id: r.id, kind: r.kind, category: r.category, riskLevel: r.riskLevel, data: r.data, hasSensitive: r.dataEnc !== null, since: r.since, until: r.until, active: r.active };
}

/** Active persons by record kind and category under a region or grid, counts below 5 suppressed. @throws FORBIDDEN, NOT_FOUND */
export async function recordStats(ctx: AppContext, actor: Actor, q: z.infer<typeof PeopleStatsQuery>) {
  requirePermission(actor, 'person:read');
  const code = q.region ?? actor.scopeCode;
  const within = code.length === 15 ? code.startsWith(scopePrefix(actor)) : isRegionCode(code) && inScope(actor.scopeCode, code);
  if (!within) throw new AppError('NOT_FOUND');
  const prefix = code.length === 15 ? code : subtreePrefix(code);
  const rows = await repo.recordCounts(ctx.db, prefix);
  return { region: code, counts: rows.map((r) => ({ kind: r.kind, category: r.category, persons: suppressSmall(r.n) })), total: suppressSmall(await repo.activeCount(ctx.db, prefix)) };
}

/**
 * Residence permits and visas that have expired or expire within `days` (证件到期提醒), under the actor's scope or
 * one grid, soonest first, with the person masked. @throws FORBIDDEN, VALIDATION_FAILED
 */
export async function expiringPermits(ctx: AppContext, actor: Actor, q: z.infer<typeof ExpiringQuery>) {
  requirePermission(actor, 'person:read');
  const prefix = q.grid ? (await gridFor(ctx.db, actor, q.grid, 'query.grid')).code : scopePrefix(actor);
  const today = cstDate(ctx.clock.now());
  const rows = await repo.expiringRecords(ctx.db, prefix, expiryFields, addDays(today, q.days), 500);
  return rows.map(({ r, p, expiresOn }) => ({
    person: presentPerson(p, today),
    recordId: r.id,
    kind: r.kind,
    expiresOn,
    daysLeft: daysBetween(today, expiresOn),
  }));
}

