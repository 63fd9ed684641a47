/**
 * The petitions domain's KPIs for the dashboard (issue 14 item 9), read from petition_stats_daily: notified in
 * time, concluded in time, satisfaction, repeat rate, 越级 rate, 集体访 counts and channels, per day, per child
 * region and per body. Counts of 1–4 are hidden (null) wherever they could point at a person: in every per-region
 * and per-body row, and everywhere when the region asked is one village; rates over fewer than 5 likewise.
 */
import { levelOfCode, codeFromPrefix } from '../../../core/region-code.ts';
import { petitionCounters, SUPPRESS_BELOW, suppressed, suppressedRate, type PetitionCounter } from '../../../core/petitions/stats.ts';
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
    const shown = village ? hide : open;
    const r = village ? suppressedRate : rate;
    const t = shown(s);
    return {
      suppressedBelow: SUPPRESS_BELOW,
      totals: {
        registered: t.registered, collective: t.collective, skippedLevel: t.skippedLevel, repeated: t.repeated, notified: t.notified,
        notifiedInTime: t.notifiedInTime, concluded: t.concluded, concludedInTime: t.concludedInTime, served: t.served, rated: t.rated,
        satisfied: t.satisfied, basicallySatisfied: t.basicallySatisfied, notAccepted: t.notAccepted,
      },
      channels: { visit: t.chVisit, letter: t.chLetter, online: t.chOnline, phone: t.chPhone, video: t.chVideo },
      rates: {
        notifiedInTime: r(s.notifiedInTime, s.notified),
        concludedInTime: r(s.concludedInTime, s.concluded),
        satisfaction: r(satisfiedOf(s), s.rated),
        repeat: r(s.repeated, s.registered),
        skippedLevel: r(s.skippedLevel, s.registered),
      },
      trend: trend.map((d) => ({ day: d.day, registered: village ? suppressed(d.registered) : d.registered })),
      children: children
        .map((c) => {
          const h = hide(c);
          return { code: c.code, name: c.name, own: c.own, registered: h.registered, collective: h.collective, skippedLevel: h.skippedLevel, repeated: h.repeated,
            concludedInTimeRate: suppressedRate(c.concludedInTime, c.concluded), satisfactionRate: suppressedRate(satisfiedOf(c), c.rated), order: c.registered };
        })
        .sort((a, b) => b.order - a.order)
        .map(({ order: _o, ...c }) => c),
      bodies: bodies
        .map((b) => {
          const h = hide(b);
          return { key: b.key, name: b.name, notified: h.notified, notifiedInTime: h.notifiedInTime, concluded: h.concluded, concludedInTime: h.concludedInTime, rated: h.rated,
            notifiedInTimeRate: suppressedRate(b.notifiedInTime, b.notified), concludedInTimeRate: suppressedRate(b.concludedInTime, b.concluded),
            satisfactionRate: suppressedRate(satisfiedOf(b), b.rated), order: b.notified + b.concluded };
        })
        .sort((a, b) => b.order - a.order)
        .map(({ order: _o, ...b }) => b),
    };
  },
});
