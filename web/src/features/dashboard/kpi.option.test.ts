import { describe, expect, it } from 'vitest';
import { childrenOption, resolvedOption, trendOption } from './kpi.option';

describe('dashboard chart options', () => {
  it('turn the trend rows into two aligned series', () => {
    const o = trendOption([{ day: '2026-11-01', received: 3, closed: 1 }, { day: '2026-11-02', received: 5, closed: 4 }], { received: '受理', closed: '办结' });
    expect(o.xAxis.data).toEqual(['11-01', '11-02']);
    expect(o.series.map((s) => s.data)).toEqual([[3, 5], [1, 4]]);
  });
  it('rank sub-regions by received, largest at the top of the bar chart', () => {
    const rows = [{ code: 'a', name: '甲', received: 2, closed: 1, satisfactionRate: 1 }, { code: 'b', name: '乙', received: 9, closed: 3, satisfactionRate: null }];
    expect(childrenOption(rows, { received: 'r', closed: 'c' }).yAxis.data).toEqual(['甲', '乙']);
  });
  it('splits resolved cases into village, township and other', () => {
    expect(resolvedOption({ resolved: 10, resolvedInVillage: 7, resolvedInTownship: 2 }, { village: 'v', township: 't', other: 'o' }).series[0]!.data.map((d) => d.value)).toEqual([7, 2, 1]);
  });
  it('shows counts, not only shares, on the donut: in the legend, and on the slices', () => {
    const o = resolvedOption({ resolved: 10, resolvedInVillage: 7, resolvedInTownship: 3 }, { village: '村级', township: '乡级', other: '部门/县级' });
    expect(['村级', '乡级', '部门/县级'].map(o.legend.formatter)).toEqual(['村级 7', '乡级 3', '部门/县级 0']);
    expect(o.series[0]!.label.formatter({ value: 7 })).toBe('7');
    expect(o.series[0]!.label.formatter({ value: 0 })).toBe('');
  });
});
