/**
 * The petitions domain's KPIs for the dashboard (issue 14 item 9), read from petition_stats_daily: notified in
 * time, concluded in time, satisfaction, repeat rate, 越级 rate, 集体访 counts and channels, per day, per child
 * region and per body. Counts of 1–4 are hidden (null) wherever they could point at a person: in every per-region
 * and per-body row, and everywhere when the region asked is one village; rates over fewer than 5 likewise; and a
 * breakdown hides one cell more (or its total) when the total would otherwise give a hidden cell away.
 */
import { levelOfCode, codeFromPrefix } from '../../../core/region-code.ts';
import { hideColumn, petitionCounters, SUPPRESS_BELOW, suppressed, suppressedRate, type PetitionCounter } from '../../../core/petitions/stats.ts';
import { rate } from '../../../core/kpi-math.ts';
import { defineKpis } from '../dashboard/kpi-types.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as stats from './petition-stats.repository.ts';

type Sums = Record<PetitionCounter, number>;
const hide = (s: Sums): Record<PetitionCounter, number | null> => Object.fromEntries(petitionCounters.map((k) => [k, suppressed(s[k])])) as Record<PetitionCounter, number | null>;
const open = (s: Sums): Record<PetitionCounter, number | null> => s;

/** Satisfaction as the 条例's rating reads it: 满意 and 基本满意 among those rated. */
const satisfiedOf = (s: Sums) => s.satisfied + s.basicallySatisfied;

/** The named queries of the petitions domain and how their results read on the dashboard. */
export const petitionKpis = defineKpis({
  queries: {
    totals: (ctx, w) => stats.totals(ctx.db, w.prefix, w.fromDay, w.toDay),
    trend: (ctx, w) => stats.daily(ctx.db, w.prefix, w.fromDay, w.toDay),
    /** Whether the region asked is one village (then every count is small enough to point at someone). */
    village: async (_ctx, w) => w.region.length === 12 && levelOfCode(w.region) === 'village',
    children: async (ctx, w) => {
      const rows = await stats.byChild(ctx.db, w.prefix, w.childPrefixLength, w.fromDay, w.toDay);
      const names = await regions.namesOf(ctx.db, [w.region, ...rows.map((c) => codeFromPrefix(c.prefix))]);
      // A petition not located to a village is counted at the office that registered it (the region's own level).
      return rows.map((c) => {
        const code = codeFromPrefix(c.prefix);
        return { ...c, code, name: names.get(code) ?? code, own: code === w.region };
      });
    },
    bodies: async (ctx, w) => {
      const rows = await stats.byBody(ctx.db, w.prefix, w.fromDay, w.toDay);
      const depts = await catalog.departmentNames(ctx.db, rows.flatMap((r) => (r.key.startsWith('d:') ? [r.key.slice(2)] : [])));
      const places = await regions.namesOf(ctx.db, rows.flatMap((r) => (r.key.startsWith('r:') ? [r.key.slice(2)] : [])));
      return rows.map((r) => ({ ...r, name: (r.key.startsWith('d:') ? depts.get(r.key.slice(2)) : places.get(r.key.slice(2))) ?? null }));
    },
  },
  present: ({ totals: s, trend, village, children, bodies }) => {
    // Breakdown columns hide their small cells and whatever would give them away (core/petitions/stats.ts hideColumn);
    // a total that would give one away is hidden with it.
    const kids = [...children].sort((a, b) => b.registered - a.registered);
    const orgs = [...bodies].sort((a, b) => b.notified + b.concluded - (a.notified + a.concluded));
    const totalsHidden = new Set<PetitionCounter>();
    const columns = <R extends Sums>(rows: R[], keys: readonly PetitionCounter[]) =>
      Object.fromEntries(keys.map((k) => {
        const col = hideColumn(rows.map((r) => r[k]), s[k]);
        if (col.total === null) totalsHidden.add(k);
        return [k, col.cells];
      })) as Record<PetitionCounter, (number | null)[]>;
    const kidCols = columns(kids, ['registered', 'collective', 'skippedLevel', 'repeated']);
    const orgCols = columns(orgs, ['notified', 'notifiedInTime', 'concluded', 'concludedInTime', 'rated']);
    const base = village ? hide(s) : open(s);
    const t = Object.fromEntries(petitionCounters.map((k) => [k, totalsHidden.has(k) ? null : base[k]])) as Record<PetitionCounter, number | null>;
    // A rate over a hidden count is not shown either.
    const r = (n: PetitionCounter | 'satisfiedAll', d: PetitionCounter) => {
      if (t[d] === null || (n !== 'satisfiedAll' && t[n] === null)) return null;
      const num = n === 'satisfiedAll' ? satisfiedOf(s) : s[n];
      return village ? suppressedRate(num, s[d]) : rate(num, s[d]);
    };
    return {
      suppressedBelow: SUPPRESS_BELOW,
      totals: {
        registered: t.registered, collective: t.collective, skippedLevel: t.skippedLevel, repeated: t.repeated, notified: t.notified,
        notifiedInTime: t.notifiedInTime, concluded: t.concluded, concludedInTime: t.concludedInTime, served: t.served, rated: t.rated,
        satisfied: t.satisfied, basicallySatisfied: t.basicallySatisfied, notAccepted: t.notAccepted,
      },
      channels: { visit: t.chVisit, letter: t.chLetter, online: t.chOnline, phone: t.chPhone, video: t.chVideo },
      rates: {
        notifiedInTime: r('notifiedInTime', 'notified'),
        concludedInTime: r('concludedInTime', 'concluded'),
        satisfaction: r('satisfiedAll', 'rated'),
        repeat: r('repeated', 'registered'),
        skippedLevel: r('skippedLevel', 'registered'),
      },
      trend: trend.map((d) => ({ day: d.day, registered: village ? suppressed(d.registered) : d.registered })),
      children: kids.map((c, i) => ({
        code: c.code, name: c.name, own: c.own,
        registered: kidCols.registered[i]!, collective: kidCols.collective[i]!, skippedLevel: kidCols.skippedLevel[i]!, repeated: kidCols.repeated[i]!,
        concludedInTimeRate: suppressedRate(c.concludedInTime, c.concluded), satisfactionRate: suppressedRate(satisfiedOf(c), c.rated),
      })),
      bodies: orgs.map((b, i) => ({
        key: b.key, name: b.name,
        notified: orgCols.notified[i]!, notifiedInTime: orgCols.notifiedInTime[i]!, concluded: orgCols.concluded[i]!, concludedInTime: orgCols.concludedInTime[i]!, rated: orgCols.rated[i]!,
        notifiedInTimeRate: orgCols.notified[i] === null ? null : suppressedRate(b.notifiedInTime, b.notified),
        concludedInTimeRate: orgCols.concluded[i] === null ? null : suppressedRate(b.concludedInTime, b.concluded),
        satisfactionRate: orgCols.rated[i] === null ? null : suppressedRate(satisfiedOf(b), b.rated),
      })),
    };
  },
});
