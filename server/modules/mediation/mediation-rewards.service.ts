/**
 * 以案定补 and 调解能手 (issue 15 item 9): the county's subsidy rates per category and outcome, each mediator's
 * subsidy for a period (from dispute_mediator_stats_daily: every case that ended while the mediator was on it, at
 * its category's rate for its outcome, else the outcome's default '*'; a case with two mediators pays each of them
 * in full, as the per-mediator counts do), its payment list as XLSX, and the expert ranking.
 */
import { AppError } from '../../../core/errors.ts';
import { disputeCategories } from '../../../core/mediation/categories.ts';
import { rate } from '../../../core/kpi-math.ts';
import { mediatorCounters, type MediatorCounter } from '../../../core/mediation/stats.ts';
import { cstDate } from '../../../core/calendar.ts';
import { subtreePrefix } from '../../../core/region-code.ts';
import { subsidyOutcomes } from '../../../core/schemas/mediation-stats.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { notFoundUnlessInScope, requirePermission } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import * as stats from './mediation-stats.repository.ts';
import { subsidyWorkbook } from './subsidy-export.ts';

type Outcome = (typeof subsidyOutcomes)[number];
type Counts = Record<MediatorCounter, number>;

/** Each mediator's counts in a window (summed over categories, which are kept for the subsidy), most agreements first. */
export async function mediatorTable(ctx: AppContext, prefix: string, fromDay: string, toDay: string) {
  const rows = await stats.byMediatorCategory(ctx.db, prefix, fromDay, toDay);
  const names = await stats.namesOf(ctx.db, prefix.length >= 6 ? prefix.slice(0, 6) : null, { committees: [], rooms: [], mediators: [...new Set(rows.map((r) => r.mediatorId))] });
  const out = new Map<string, Counts & { mediatorId: string; name: string; committee: string; awards: string[]; byCategory: Map<string, Counts> }>();
  for (const r of rows) {
    const m = names.mediators.get(r.mediatorId);
    if (!out.has(r.mediatorId)) {
      const zero = Object.fromEntries(mediatorCounters.map((k) => [k, 0])) as Counts;
      out.set(r.mediatorId, { ...zero, mediatorId: r.mediatorId, name: m?.name ?? r.mediatorId, committee: (m && names.committees.get(m.committeeId)?.name) ?? '', awards: m?.awards ?? [], byCategory: new Map() });
    }
    const row = out.get(r.mediatorId)!;
    for (const k of mediatorCounters) row[k] += r[k];
    row.byCategory.set(r.category, Object.fromEntries(mediatorCounters.map((k) => [k, r[k]])) as Counts);
  }
  return [...out.values()].sort((a, b) => b.agreed - a.agreed || b.mediated - a.mediated || a.name.localeCompare(b.name, 'zh') || a.mediatorId.localeCompare(b.mediatorId));
}

/** The region asked (default the account's scope; a county or below, inside the scope) and its county. @throws VALIDATION_FAILED, NOT_FOUND */
function regionFor(actor: Actor, region: string | undefined): { region: string; countyCode: string; prefix: string } {
  const code = region ?? actor.scopeCode;
  notFoundUnlessInScope(actor, code);
  const prefix = subtreePrefix(code);
  if (prefix.length < 6) throw new AppError('VALIDATION_FAILED', [{ path: 'region', code: 'county_or_below', message: '请选择一个区县或其下的区划' }]);
  return { region: code, countyCode: code.slice(0, 6), prefix };
}

/** The days of a period: the instants' China-time days, default the last 30 days. */
function daysOf(ctx: AppContext, q: { from?: Date; to?: Date }) {
  const now = ctx.clock.now();
  return { from: cstDate(q.from ?? new Date(now.getTime() - 29 * 86_400_000)), to: cstDate(q.to ?? now) };
}

/** A county's rates as set. @throws FORBIDDEN, NOT_FOUND */
export async function subsidyRates(ctx: AppContext, actor: Actor, q: { region?: string }) {
  requirePermission(actor, 'mediation:admin');
  const { countyCode } = regionFor(actor, q.region);
  const rows = await stats.ratesOf(ctx.db, countyCode);
  const last = rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), null);
  return { countyCode, rates: rows.map((r) => ({ category: r.category, outcome: r.outcome as Outcome, fen: r.fen })), updatedAt: last?.toISOString() ?? null };
}

/**
 * Replaces a county's rates, audited with the old and the new; only an account whose scope holds the whole county
 * sets them. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (unknown category, a rate set twice)
 */
export async function setSubsidyRates(ctx: AppContext, actor: Actor, body: { county?: string; rates: { category: string; outcome: Outcome; fen: number }[] }) {
  requirePermission(actor, 'mediation:admin');
  const { countyCode } = regionFor(actor, body.county ? `${body.county}000000` : undefined);
  if (subtreePrefix(actor.scopeCode).length > 6) throw new AppError('FORBIDDEN');
  const seen = new Set<string>();
  body.rates.forEach((r, i) => {
    if (r.category !== '*' && !(disputeCategories as readonly string[]).includes(r.category)) throw new AppError('VALIDATION_FAILED', [{ path: `rates.${i}.category`, code: 'unknown_category', message: r.category }]);
    if (seen.has(`${r.category}/${r.outcome}`)) throw new AppError('VALIDATION_FAILED', [{ path: `rates.${i}`, code: 'duplicate', message: `${r.category}/${r.outcome}` }]);
    seen.add(`${r.category}/${r.outcome}`);
  });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const old = await stats.ratesOf(tx, countyCode);
    await stats.replaceRates(tx, countyCode, body.rates.map((r) => ({ countyCode, category: r.category, outcome: r.outcome, fen: r.fen, updatedBy: actor.kind === 'user' ? actor.id : null, updatedAt: now })));
    await audit.record(tx, ctx, actor, {
      action: 'mediationSubsidy.setRates', objectType: 'mediation_subsidy_rates', objectId: countyCode, countyCode,
      detail: { old: old.map((r) => ({ category: r.category, outcome: r.outcome, fen: r.fen })), new: body.rates },
    }, actor.ip);
  });
  return subsidyRates(ctx, actor, { region: `${countyCode}000000` });
}

/** Each mediator's subsidy for a period, highest first. @throws FORBIDDEN, NOT_FOUND */
export async function subsidies(ctx: AppContext, actor: Actor, q: { from?: Date; to?: Date; region?: string }) {
  requirePermission(actor, 'mediation:admin');
  const { region, countyCode, prefix } = regionFor(actor, q.region);
  const { from, to } = daysOf(ctx, q);
  const [table, rates] = await Promise.all([mediatorTable(ctx, prefix, from, to), stats.ratesOf(ctx.db, countyCode)]);
  const fenOf = (category: string, outcome: Outcome) => (rates.find((r) => r.category === category && r.outcome === outcome) ?? rates.find((r) => r.category === '*' && r.outcome === outcome))?.fen ?? 0;
  const rows = table
    .filter((m) => subsidyOutcomes.some((o) => m[o] > 0))
    .map((m) => ({
      mediatorId: m.mediatorId, name: m.name, committee: m.committee,
      cases: { agreed: m.agreed, failed: m.failed, referred: m.referred, refused: m.refused },
      amountFen: [...m.byCategory].reduce((sum, [cat, c]) => sum + subsidyOutcomes.reduce((s2, o) => s2 + c[o] * fenOf(cat, o), 0), 0),
    }))
    .sort((a, b) => b.amountFen - a.amountFen || a.name.localeCompare(b.name, 'zh') || a.mediatorId.localeCompare(b.mediatorId));
  return { countyCode, region, from, to, rows, totalFen: rows.reduce((s, r) => s + r.amountFen, 0) };
}

/** The payment list as XLSX (names, cases, amounts in yuan, a total row), audited as an export. @throws FORBIDDEN, NOT_FOUND */
export async function subsidiesXlsx(ctx: AppContext, actor: Actor, q: { from?: Date; to?: Date; region?: string }): Promise<{ name: string; body: Buffer }> {
  const s = await subsidies(ctx, actor, q);
  const body = await subsidyWorkbook(s);
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'mediationSubsidy.export', objectType: 'mediation_subsidies', objectId: s.countyCode, countyCode: s.countyCode, detail: { region: s.region, from: s.from, to: s.to, rows: s.rows.length, totalFen: s.totalFen } }, actor.ip);
  return { name: `subsidies-${s.region}-${s.from}-${s.to}`, body };
}

/** The 调解能手 ranking: agreements, then success rate; equal in both share a rank; fewer than `minMediated` unranked. @throws FORBIDDEN, NOT_FOUND */
export async function experts(ctx: AppContext, actor: Actor, q: { from?: Date; to?: Date; region?: string; minMediated?: number }) {
  requirePermission(actor, 'kpi:read');
  const { region, prefix } = regionFor(actor, q.region);
  const { from, to } = daysOf(ctx, q);
  const minMediated = q.minMediated ?? 5;
  const all = (await mediatorTable(ctx, prefix, from, to)).map((m) => ({ ...m, successRate: rate(m.agreed, m.mediated) }));
  const byMerit = (a: (typeof all)[number], b: (typeof all)[number]) => b.agreed - a.agreed || (b.successRate ?? -1) - (a.successRate ?? -1) || a.name.localeCompare(b.name, 'zh') || a.mediatorId.localeCompare(b.mediatorId);
  const ranked = all.filter((m) => m.mediated >= minMediated).sort(byMerit);
  const rest = all.filter((m) => m.mediated < minMediated && m.mediated > 0).sort(byMerit);
  const rows = [...ranked.map((m) => ({ m, rank: ranked.findIndex((x) => x.agreed === m.agreed && x.successRate === m.successRate) + 1 })), ...rest.map((m) => ({ m, rank: null as number | null }))];
  return {
    region, from, to, minMediated,
    order: `按调解成功（协议）件数排序，件数相同按调解成功率；两项都相同的并列同一名次；调解少于 ${minMediated} 件的不参加排名，列在最后`,
    rows: rows.map(({ m, rank }) => {
      const pool = rank === null ? rest : ranked;
      const same = pool.filter((x) => x !== m && x.agreed === m.agreed);
      const tied = same.filter((x) => x.successRate === m.successRate);
      const tie = tied.length ? `与 ${tied.map((x) => x.name).join('、')} 并列：协议件数与成功率都相同` : same.length ? `协议件数与 ${same.map((x) => x.name).join('、')} 相同，按成功率排定先后` : null;
      return { rank, mediatorId: m.mediatorId, name: m.name, committee: m.committee, mediated: m.mediated, agreed: m.agreed, successRate: m.successRate, awards: m.awards, tie };
    }),
  };
}
