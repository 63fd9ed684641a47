/** The ECharts option of the registry overview: persons per group, small counts shown as "<5" without a bar. */

import type { GroupCount } from '../../../../core/schemas/people.response';

/** A horizontal bar per group; `label` names a group, `small` is the text for a suppressed count. */
export function groupsOption(counts: GroupCount[], label: (c: GroupCount) => string, small: string) {
  const rows = [...counts].sort((a, b) => (a.persons ?? 0) - (b.persons ?? 0));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 170, right: 48, top: 8, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map(label) },
    series: [{
      type: 'bar',
      data: rows.map((r) => ({ value: r.persons ?? 0, label: { show: true, position: 'right', formatter: r.persons === null ? small : String(r.persons) } })),
    }],
  };
}
