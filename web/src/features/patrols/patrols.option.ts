/** Pure helpers of the patrol page: 一日一巡 rows of the chosen level and their bar chart (tested without a browser). */
import type { ComplianceFigures, PatrolCompliance } from '../../../../core/schemas/patrols.response';

/** Which rows the page compares. */
export type ComplianceLevel = 'township' | 'grid' | 'worker';

/** One compared row: a key, a name to show and the figures. */
export type ComplianceRow = ComplianceFigures & { key: string; name: string };

/** The rows of a level, worst rate first (what a leader acts on), then by name. */
export function complianceRows(c: PatrolCompliance | undefined, level: ComplianceLevel): ComplianceRow[] {
  if (!c) return [];
  const rows: ComplianceRow[] = level === 'township' ? c.townships.map((t) => ({ ...t, key: t.townshipCode }))
    : level === 'grid' ? c.grids.map((g) => ({ ...g, key: g.gridCode }))
    : c.workers.map((w) => ({ ...w, key: w.userId }));
  return rows.sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The colour of a rate: red under 60 %, orange under 90 %, green from there. */
export const rateColour = (rate: number) => (rate < 0.6 ? '#cf1322' : rate < 0.9 ? '#d46b08' : '#389e0d');

/** A rate as a percentage: whole from 10 % ("71%"), one decimal below, so a few patrols in a county do not read as none ("0.3%"). */
export const percent = (rate: number) => (rate > 0 && rate < 0.1 ? `${(rate * 100).toFixed(1)}%` : `${Math.round(rate * 100)}%`);

/** Horizontal bars of the rate per row (the 20 worst, worst on top), each bar coloured by its rate and labelled with it. */
export function complianceOption(rows: ComplianceRow[], label: string) {
  const shown = rows.slice(0, 20).reverse(); // ECharts draws a category axis bottom-up
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [{
      name: label, type: 'bar', barMaxWidth: 22,
      label: { show: true, position: 'right', formatter: '{c}%' },
      data: shown.map((r) => ({ value: Number(percent(r.rate).slice(0, -1)), itemStyle: { color: rateColour(r.rate) } })),
    }],
  };
}

/** Metres as kilometres with one decimal ("3.2"). */
export const km = (m: number) => (m / 1000).toFixed(1);
