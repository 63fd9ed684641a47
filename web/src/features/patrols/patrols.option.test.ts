import { describe, expect, it } from 'vitest';
import type { PatrolCompliance } from '../../../../core/schemas/patrols.response';
import { complianceOption, complianceRows, km, percent, rateColour } from './patrols.option';

const f = (rate: number) => ({ days: 7, patrolledDays: Math.round(rate * 7), rate, patrols: 1, minutes: 30, distanceM: 1200, findings: 0 });
const c: PatrolCompliance = {
  region: '632221000000', from: '2026-11-25', to: '2026-12-01', days: 7,
  workers: [{ ...f(1), userId: 'u1', name: '乙', gridCodes: ['g1'] }, { ...f(0.286), userId: 'u2', name: '甲', gridCodes: ['g2'] }],
  grids: [{ ...f(0.5), gridCode: 'g1', name: '一网格' }, { ...f(0.5), gridCode: 'g2', name: '二网格' }, { ...f(0), gridCode: 'g3', name: '三网格' }],
  townships: [{ ...f(0.333), townshipCode: 't1', name: '浩门镇', grids: 3 }],
};

describe('patrol compliance on the page', () => {
  it('lists the chosen level worst first, by name on a tie', () => {
    expect(complianceRows(c, 'grid').map((r) => r.name)).toEqual(['三网格', '二网格', '一网格']);
    expect(complianceRows(c, 'worker').map((r) => [r.key, r.name])).toEqual([['u2', '甲'], ['u1', '乙']]);
    expect(complianceRows(c, 'township').map((r) => r.key)).toEqual(['t1']);
    expect(complianceRows(undefined, 'grid')).toEqual([]);
  });

  it('draws the worst on top, as whole percentages coloured by the rate', () => {
    const o = complianceOption(complianceRows(c, 'grid'), '巡查率');
    // Bottom-up axis: the last category is drawn on top.
    expect(o.yAxis.data).toEqual(['一网格', '二网格', '三网格']);
    expect(o.series[0]!.data.map((d) => d.value)).toEqual([50, 50, 0]);
    expect(o.series[0]!.data[2]!.itemStyle.color).toBe('#cf1322');
    // The bar says what the table says (86%, 0.3%).
    expect(complianceOption([{ ...f(0.857), key: 'a', name: 'a' }, { ...f(0.003), key: 'b', name: 'b' }], '巡查率').series[0]!.data.map((d) => d.value)).toEqual([0.3, 86]);
    expect([rateColour(0.59), rateColour(0.6), rateColour(0.9)]).toEqual(['#cf1322', '#d46b08', '#389e0d']);
  });

  it('keeps the chart to the 20 worst rows', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...f(i / 30), key: `g${i}`, name: `网格${i}` }));
    const o = complianceOption(many, '巡查率');
    expect(o.yAxis.data).toHaveLength(20);
    expect(o.yAxis.data.at(-1)).toBe('网格0');
  });

  it('writes rates and distances for people', () => {
    expect(percent(0.714)).toBe('71%');
    expect([percent(0), percent(0.003), percent(0.1), percent(1)]).toEqual(['0%', '0.3%', '10%', '100%']);
    expect(km(3249)).toBe('3.2');
  });
});
