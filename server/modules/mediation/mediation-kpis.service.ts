/**
 * The mediation domain's KPIs for the dashboard (issue 15 item 9), read from dispute_stats_daily and
 * dispute_mediator_stats_daily: totals (each dispute once), the success rate (agreed / mediated, as the places
 * count it), per committee level, committee, room, mediator and category, and a daily trend. Committees, rooms and
 * mediators are organisations and staff: their names are shown. When the region asked is one village, every
 * count of 1–4 about the disputes is hidden (null) and a breakdown hides one cell more where the total would give
 * a hidden one away (core/stats-suppression.ts); per-mediator rows stay as they are (staff work, no party in them).
 */
import { disputeCategories, disputeCategoryLabels } from '../../../core/mediation/categories.ts';
import { disputeCounters, type DisputeCounter } from '../../../core/mediation/stats.ts';
import { rate } from '../../../core/kpi-math.ts';
import { levelOfCode } from '../../../core/region-code.ts';
import { hideColumn, SUPPRESS_BELOW, suppressed, suppressedRate } from '../../../core/stats-suppression.ts';
import { committeeLevels, type CommitteeLevel } from '../../../core/workflow/dispute-workflow.ts';
import { defineKpis } from '../dashboard/kpi-types.ts';
import { mediatorTable } from './mediation-rewards.service.ts';
import * as stats from './mediation-stats.repository.ts';

type Sums = Record<DisputeCounter, number>;
type Shown = Record<DisputeCounter, number | null>;
const zero = (): Sums => Object.fromEntries(disputeCounters.map((k) => [k, 0])) as Sums;
const add = (a: Sums, b: Sums) => disputeCounters.forEach((k) => (a[k] += b[k]));
const shownCounters = ['registered', 'accepted', 'mediated', 'agreed', 'failed', 'referred', 'refused', 'closed'] as const;

const levelLabels: Record<CommitteeLevel, string> = { village: '村（居）人民调解委员会', township: '乡镇（街道）人民调解委员会', county: '县级人民调解委员会', industry: '行业性专业性人民调解委员会' };

/** Groups rows by a key, summing their counters. */
function group<R extends Sums>(rows: R[], keyOf: (r: R) => string): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!out.has(k)) out.set(k, zero());
    add(out.get(k)!, r);
  }
  return out;
}

/** The named queries of the mediation domain and how their results read on the dashboard. */
export const mediationKpis = defineKpis({
  queries: {
    totals: (ctx, w) => stats.totals(ctx.db, w.prefix, w.fromDay, w.toDay),
    inProgress: (ctx, w) => stats.inProgress(ctx.db, w.prefix, w.toDay),
    trend: (ctx, w) => stats.daily(ctx.db, w.prefix, w.fromDay, w.toDay),
    village: async (_ctx, w) => w.region.length === 12 && levelOfCode(w.region) === 'village',
    groups: async (ctx, w) => {
      const rows = await stats.byCommitteeRoomCategory(ctx.db, w.prefix, w.fromDay, w.toDay);
      const names = await stats.namesOf(ctx.db, w.prefix.length >= 6 ? w.prefix.slice(0, 6) : null, {
        committees: [...new Set(rows.map((r) => r.committeeId))], rooms: [...new Set(rows.flatMap((r) => (r.roomKey ? [r.roomKey] : [])))], mediators: [],
      });
      return { rows, names };
    },
    mediators: (ctx, w) => mediatorTable(ctx, w.prefix, w.fromDay, w.toDay),
  },
  present: ({ totals: s, inProgress, trend, village, groups, mediators }) => {
    const { rows, names } = groups;
    const levelOf = (committeeId: string) => (names.committees.get(committeeId)?.level ?? 'village') as CommitteeLevel;
    const byLevel = group(rows, (r) => levelOf(r.committeeId));
    const byCommittee = group(rows, (r) => r.committeeId);
    const byRoom = group(rows, (r) => r.roomKey);
    const byCategory = group(rows, (r) => r.category);
    const hiddenTotals = new Set<DisputeCounter>();
    // A breakdown's cells as shown: open, or (one village asked) small cells hidden and whatever would give them away.
    const cellsOf = <K,>(entries: [K, Sums][]) => {
      const cols = Object.fromEntries(shownCounters.map((k) => {
        if (!village) return [k, entries.map(([, v]) => v[k] as number | null)];
        const col = hideColumn(entries.map(([, v]) => v[k]), s[k]);
        if (col.total === null) hiddenTotals.add(k);
        return [k, col.cells];
      })) as Record<(typeof shownCounters)[number], (number | null)[]>;
      return entries.map(([key, v], i) => {
        const shown = Object.fromEntries(shownCounters.map((k) => [k, cols[k][i]!])) as Omit<Shown, 'concluded'>;
        return { key, ...shown, successRate: shown.mediated === null || shown.agreed === null ? null : village ? suppressedRate(v.agreed, v.mediated) : rate(v.agreed, v.mediated) };
      });
    };
    const levelRows = cellsOf(committeeLevels.map((l) => [l, byLevel.get(l) ?? zero()] as [CommitteeLevel, Sums])).map((r) => ({ ...r, name: levelLabels[r.key] }));
    const committeeRows = cellsOf([...byCommittee].sort((a, b) => b[1].registered - a[1].registered || a[0].localeCompare(b[0])))
      .map((r) => ({ ...r, name: names.committees.get(r.key)?.name ?? r.key, level: levelOf(r.key) }));
    const roomRows = cellsOf([...byRoom].sort((a, b) => b[1].mediated - a[1].mediated || a[0].localeCompare(b[0]))).map((r) => {
      const room = r.key ? names.rooms.get(r.key) : undefined;
      return { ...r, name: r.key ? (room?.name ?? r.key) : '未指定调解室', committee: room ? (names.committees.get(room.committeeId)?.name ?? null) : null, mode: (room?.mode ?? null) as 'onsite' | 'mobile' | 'online' | null };
    });
    const categoryRows = cellsOf(disputeCategories.map((c) => [c, byCategory.get(c) ?? zero()] as [string, Sums])).map((r) => ({ ...r, name: disputeCategoryLabels[r.key as keyof typeof disputeCategoryLabels] }));
    const t = (k: DisputeCounter) => (hiddenTotals.has(k) ? null : village ? suppressed(s[k]) : s[k]);
    const totals = { ...(Object.fromEntries(shownCounters.map((k) => [k, t(k)])) as Omit<Shown, 'concluded'>), inProgress: village ? suppressed(inProgress) : inProgress };
    return {
      suppressedBelow: SUPPRESS_BELOW,
      totals,
      successRate: totals.mediated === null || totals.agreed === null ? null : village ? suppressedRate(s.agreed, s.mediated) : rate(s.agreed, s.mediated),
      byLevel: levelRows,
      byCommittee: committeeRows,
      byRoom: roomRows,
      byMediator: mediators.map((x) => ({ key: x.mediatorId, name: x.name, committee: x.committee, accepted: x.accepted, mediated: x.mediated, agreed: x.agreed, failed: x.failed, referred: x.referred, refused: x.refused, successRate: rate(x.agreed, x.mediated) })),
      byCategory: categoryRows,
      trend: trend.map((d) => ({ day: d.day, registered: village ? suppressed(d.registered) : d.registered, mediated: village ? suppressed(d.mediated) : d.mediated, agreed: village ? suppressed(d.agreed) : d.agreed })),
    };
  },
});
