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
import { isRegionCode, subtreePrefix } from '../../../core/region-code.ts';
import { recordKinds, type ExpiringQuery, type PeopleStatsQuery, type PersonRecordSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { today as todayOf } from '../../lib/clock.ts';
import * as audit from '../audit/audit.service.ts';
import { listPrefix } from './list-scope.ts';
import * as repo from './people.repository.ts';
import { expiryFields, recordFieldProblems, recordFields } from '../../../core/people/record-fields.ts';
import { categoryTokenText, isSensitiveCategory } from '../../../core/people/record-sensitivity.ts';
import { addDays, daysBetween } from '../../../core/calendar.ts';
import { presentPerson } from './people.presenter.ts';
import { codeNames } from '../codes/codes.service.ts';
import { foundOrMissing, notFoundUnlessInScope, requirePermission, scopePrefix } from '../../lib/access.ts';
import { codeProblems } from '../codes/codes.service.ts';

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
  const p = foundOrMissing(await repo.personInScope(ctx.db, personId, scopePrefix(actor)));
  if (p.status !== 'active') throw new AppError('INVALID_TRANSITION'); // archived: moved away or died
  const now = ctx.clock.now();
  const row = recordRow(ctx, p, { ...input, category: input.category ?? null, riskLevel: input.riskLevel ?? null, data: input.data ?? null, sensitive: input.sensitive ?? null, since: input.since ?? null, until: input.until ?? null }, now);
  await ctx.db.transaction(async (tx) => {
    await repo.insertRecord(tx, row);
    // The kind and category are themselves sensitive (特定身份): the audit row says a record was added, not which.
    await audit.record(tx, ctx, actor, { action: 'person.addRecord', objectType: 'person', objectId: p.id, countyCode: p.countyCode });
  });
  return presentRecord(row);
}

/**
 * A new record row. A category that is sensitive in itself (a special group, a youth-at-risk category, disability)
 * is stored with its risk grade only encrypted, beside a keyed token for counting.
 */
export function recordRow(ctx: AppContext, p: { countyCode: string; id: string }, r: { kind: string; category: string | null; riskLevel: string | null; data: Record<string, unknown> | null; sensitive: Record<string, unknown> | null; since: string | null; until: string | null }, now: Date): repo.PersonRecordRow {
  const hidden = isSensitiveCategory(r.kind, r.category);
  return {
    countyCode: p.countyCode, id: randomUUID(), personId: p.id, kind: r.kind,
    category: hidden ? null : r.category, riskLevel: hidden ? null : r.riskLevel,
    categoryEnc: hidden ? ctx.crypto.encrypt(JSON.stringify({ category: r.category, riskLevel: r.riskLevel })) : null,
    categoryToken: hidden ? ctx.crypto.lookupHash(categoryTokenText(r.kind, r.category!)) : null,
    data: r.data as repo.PersonRecordRow['data'], dataEnc: r.sensitive ? ctx.crypto.encrypt(JSON.stringify(r.sensitive)) : null,
    since: r.since, until: r.until, active: true, createdAt: now, updatedAt: now,
  };
}

/** A record as shown on the person's page: never the encrypted parts (a hidden category shows as hidden). */
export function presentRecord(r: repo.PersonRecordRow) {
  return { id: r.id, kind: r.kind, category: r.category, riskLevel: r.riskLevel, categoryHidden: r.categoryEnc !== null, data: r.data, hasSensitive: r.dataEnc !== null || r.categoryEnc !== null, since: r.since, until: r.until, active: r.active };
}

/** The category and grade of a record, decrypted when hidden (for an audited reveal or for counting). */
export function recordCategory(ctx: AppContext, r: repo.PersonRecordRow): { category: string | null; riskLevel: string | null } {
  return r.categoryEnc ? (JSON.parse(ctx.crypto.decrypt(r.categoryEnc)) as { category: string | null; riskLevel: string | null }) : { category: r.category, riskLevel: r.riskLevel };
}

/**
 * Converts records written before categories were protected (migration 0011): a sensitive category still in clear
 * is encrypted and tokenised. Runs at start; idempotent. Returns the number converted.
 */
export async function protectRecordCategories(ctx: AppContext): Promise<number> {
  let n = 0;
  for (;;) {
    const due = await repo.recordsWithClearCategory(ctx.db, 500);
    if (!due.length) return n;
    await ctx.db.transaction(async (tx) => {
      for (const r of due) {
        const next = recordRow(ctx, r, { kind: r.kind, category: r.category, riskLevel: r.riskLevel, data: null, sensitive: null, since: null, until: null }, r.updatedAt);
        await repo.protectRecordCategory(tx, r, next.categoryEnc!, next.categoryToken!);
      }
    });
    n += due.length;
  }
}

/** Active persons by record kind and category under a region or grid, counts below 5 suppressed. @throws FORBIDDEN, NOT_FOUND */
export async function recordStats(ctx: AppContext, actor: Actor, q: z.infer<typeof PeopleStatsQuery>) {
  requirePermission(actor, 'person:read');
  const code = q.region ?? actor.scopeCode;
  if (code.length !== 15 && !isRegionCode(code)) throw new AppError('NOT_FOUND');
  notFoundUnlessInScope(actor, code);
  const prefix = code.length === 15 ? code : subtreePrefix(code);
  const rows = await repo.recordCounts(ctx.db, prefix);
  // Hidden categories are counted by their token: the tokens of every code of the kind's table name them again.
  const tables = Object.entries(recordKinds).flatMap(([kind, table]) => (table ? [[kind, table] as const] : []));
  const names = await codeNames(ctx, tables.map(([, t]) => t));
  const byToken = new Map(tables.flatMap(([kind, table]) => [...names[table]!.keys()].map((code) => [ctx.crypto.lookupHash(categoryTokenText(kind, code)), code] as const)));
  const counts = new Map<string, { kind: string; category: string | null; n: number }>();
  for (const r of rows) {
    const category = r.category ?? (r.token ? byToken.get(r.token) ?? null : null);
    const key = `${r.kind}:${category}`;
    counts.set(key, { kind: r.kind, category, n: (counts.get(key)?.n ?? 0) + r.n });
  }
  return { region: code, counts: [...counts.values()].sort((a, b) => `${a.kind}:${a.category}`.localeCompare(`${b.kind}:${b.category}`)).map((r) => ({ kind: r.kind, category: r.category, persons: suppressSmall(r.n) })), total: suppressSmall(await repo.activeCount(ctx.db, prefix)) };
}

/**
 * Residence permits and visas that have expired or expire within `days` (证件到期提醒), under the actor's scope, a
 * township, village or grid of it, soonest first, with the person masked and their grid named. @throws FORBIDDEN, VALIDATION_FAILED
 */
export async function expiringPermits(ctx: AppContext, actor: Actor, q: z.infer<typeof ExpiringQuery>) {
  requirePermission(actor, 'person:read');
  const prefix = await listPrefix(ctx, actor, q);
  const today = todayOf(ctx.clock);
  const rows = await repo.expiringRecords(ctx.db, prefix, expiryFields, addDays(today, q.days), 500);
  const names = await repo.gridNames(ctx.db, rows.map(({ p }) => p.gridCode));
  return rows.map(({ r, p, expiresOn }) => ({
    person: { ...presentPerson(p, today), gridName: names.get(p.gridCode) ?? null },
    recordId: r.id,
    kind: r.kind,
    expiresOn,
    daysLeft: daysBetween(today, expiresOn),
  }));
}

