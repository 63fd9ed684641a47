/**
 * 一日一巡 (a patrol every day) in numbers: for each worker, grid and township, the share of the days in a range
 * on which at least one patrol was ended. A grid counts a day when any of its workers ended a patrol there; a
 * township's rate is its grids' patrolled days over (its grids × the days), so a grid nobody patrols pulls it down.
 */

/** One row of the daily rollup (patrol_stats_daily). */
export interface PatrolDay { gridCode: string; userId: string; day: string; patrols: number; ended: number; minutes: number; distanceM: number; findings: number }

/** Figures of one worker, grid or township over the range. */
export interface Compliance { days: number; patrolledDays: number; rate: number; patrols: number; minutes: number; distanceM: number; findings: number }

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

function figures(rows: PatrolDay[], days: number, slots = 1): Compliance {
  const patrolled = new Set(rows.filter((r) => r.ended > 0).map((r) => `${r.gridCode}|${r.day}`)).size;
  const byDay = new Set(rows.filter((r) => r.ended > 0).map((r) => r.day)).size;
  const patrolledDays = slots === 1 ? byDay : patrolled;
  const sum = (k: 'patrols' | 'minutes' | 'distanceM' | 'findings') => rows.reduce((n, r) => n + r[k], 0);
  return { days, patrolledDays, rate: rate(patrolledDays, days * slots), patrols: sum('patrols'), minutes: sum('minutes'), distanceM: sum('distanceM'), findings: sum('findings') };
}

/** The township (9-digit prefix + 000) a grid lies in. */
export const townshipOf = (gridCode: string) => `${gridCode.slice(0, 9)}000`;

/** Compliance per worker, grid and township over `days` calendar days; every grid listed, patrolled or not. */
export function compliance(rows: PatrolDay[], gridCodes: string[], days: number) {
  const group = <K extends string>(key: (r: PatrolDay) => K) => {
    const out = new Map<K, PatrolDay[]>();
    for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
    return out;
  };
  const byUser = group((r) => r.userId);
  const byGrid = group((r) => r.gridCode);
  const townships = new Map<string, string[]>();
  for (const g of gridCodes) townships.set(townshipOf(g), [...(townships.get(townshipOf(g)) ?? []), g]);
  return {
    workers: [...byUser].map(([userId, rs]) => ({ userId, gridCodes: [...new Set(rs.map((r) => r.gridCode))].sort(), ...figures(rs, days) })),
    grids: gridCodes.map((code) => ({ gridCode: code, ...figures(byGrid.get(code) ?? [], days) })),
    townships: [...townships].map(([code, gs]) => ({ townshipCode: code, grids: gs.length, ...figures(gs.flatMap((g) => byGrid.get(g) ?? []), days, gs.length) })),
  };
}
