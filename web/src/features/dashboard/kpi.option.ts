/** Pure ECharts option builders for the dashboard: rows in, options out (tested without a browser). */

import type { Kpis } from '../../../../core/schemas/dashboard.response';

export type TrendRow = Kpis['trend'][number];
export type ChildRow = Kpis['children'][number];

/** Daily received and closed cases as two lines. */
export function trendOption(rows: TrendRow[], labels: { received: string; closed: string }) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.received, labels.closed] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      // Counts are whole numbers: straight segments, so a curve never dips below zero between days.
      { name: labels.received, type: 'line', data: rows.map((r) => r.received) },
      { name: labels.closed, type: 'line', data: rows.map((r) => r.closed) },
    ],
  };
}

/** Received and closed per sub-region, as a ranking of horizontal bars (top 15). */
export function childrenOption(rows: ChildRow[], labels: { received: string; closed: string }) {
  const top = [...rows].sort((a, b) => b.received - a.received).slice(0, 15).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [labels.received, labels.closed] },
    grid: { left: 90, right: 16, top: 36, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => r.name) },
    series: [
      { name: labels.received, type: 'bar', data: top.map((r) => r.received) },
      { name: labels.closed, type: 'bar', data: top.map((r) => r.closed) },
    ],
  };
}

/** Where cases were resolved: village, township, elsewhere (department, county), each slice with its count and share. */
export function resolvedOption(k: { resolved: number; resolvedInVillage: number; resolvedInTownship: number }, labels: { village: string; township: string; other: string }) {
  const other = Math.max(0, k.resolved - k.resolvedInVillage - k.resolvedInTownship);
  const slices = [{ name: labels.village, value: k.resolvedInVillage }, { name: labels.township, value: k.resolvedInTownship }, { name: labels.other, value: other }];
  const count = new Map(slices.map((s) => [s.name, s.value]));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    // A narrow card: the legend names each slice with its count; the slices carry their counts too.
    legend: { bottom: 0, formatter: (name: string) => `${name} ${count.get(name) ?? 0}` },
    series: [{ type: 'pie', radius: ['40%', '65%'], top: -24, label: { show: true, position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff' }, data: slices }],
  };
}
