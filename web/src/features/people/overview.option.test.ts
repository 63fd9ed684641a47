import { describe, expect, it } from 'vitest';
import { groupsOption } from './overview.option';

describe('registry overview chart', () => {
  it('orders groups by size and labels a suppressed count "<5" with no bar', () => {
    const o = groupsOption([{ kind: 'care', category: '01', persons: 12 }, { kind: 'special_group', category: '03', persons: null }, { kind: 'migrant', category: null, persons: 40 }], (c) => `${c.kind}:${c.category}`, '<5');
    expect(o.yAxis.data).toEqual(['special_group:03', 'care:01', 'migrant:null']);
    expect(o.series[0]!.data.map((d) => [d.value, d.label.formatter])).toEqual([[0, '<5'], [12, '12'], [40, '40']]);
  });
});
