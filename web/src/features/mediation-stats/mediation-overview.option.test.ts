import { describe, expect, it } from 'vitest';
import { MediationKpis } from '../../../../core/schemas/mediation-stats.response';
import zhCN from '../../locales/zh-CN/mediationStats.json';
import { everyDay, fenOf, keyFigures, ratesOf, suppressedDays, trendOption, valuesOf, yuan } from './mediation-overview.option';

const counts = { registered: 40, accepted: 30, mediated: 25, agreed: 24, failed: null, referred: 2, refused: 0, closed: 20 };
// Parsed by the server's own schema, so a change of the answer's shape fails here first.
const kpis = MediationKpis.parse({
  region: '632221000000', from: '2026-11-02', to: '2026-11-05', suppressedBelow: 5,
  totals: { ...counts, inProgress: 7 }, successRate: 0.96,
  byLevel: [], byCommittee: [], byRoom: [], byMediator: [], byCategory: [],
  trend: [{ day: '2026-11-03', registered: 6, mediated: null, agreed: 5 }],
});

describe('mediation overview figures', () => {
  it('lists the cards in order, a hidden count as "<5" and the success rate against the disputes mediated', () => {
    expect(keyFigures(kpis).map((f) => [f.name, f.shown.text])).toEqual([
      ['registered', '40'], ['mediated', '25'], ['agreed', '24'], ['successRate', '96.0%'], ['failed', '<5'], ['referred', '2'], ['refused', '0'], ['inProgress', '7'],
    ]);
    // The rate is hidden with its base: a share of a hidden count would reveal it.
    const hidden = keyFigures({ ...kpis, successRate: null, totals: { ...kpis.totals, mediated: null } });
    expect(hidden.find((f) => f.name === 'successRate')!.shown).toEqual({ text: '<5', suppressed: true });
    // Nothing mediated: a dash, not 0 %.
    expect(keyFigures({ ...kpis, successRate: null, totals: { ...kpis.totals, mediated: 0 } }).find((f) => f.name === 'successRate')!.shown.text).toBe('—');
  });
  it('gives every card a name and a definition in the strings', () => {
    const strings = zhCN as Record<string, string>;
    for (const { name } of keyFigures(kpis)) {
      expect(strings[`mediationStats.${name}`], name).toBeTruthy();
      expect(strings[`mediationStats.def.${name}`], name).toBeTruthy();
    }
  });
  it('fills the days the server did not send with zeros and keeps a hidden one hidden', () => {
    const days = everyDay(kpis.trend, kpis.from, kpis.to);
    expect(days.map((d) => [d.day, d.registered, d.mediated, d.agreed])).toEqual([
      ['2026-11-02', 0, 0, 0], ['2026-11-03', 6, null, 5], ['2026-11-04', 0, 0, 0], ['2026-11-05', 0, 0, 0],
    ]);
    expect(suppressedDays(kpis.trend)).toBe(1);
    const option = trendOption(days, 5, { registered: '受理登记', mediated: '调解', agreed: '调解成功' });
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['受理登记', [0, 6, 0, 0]], ['调解', [0, null, 0, 0]], ['调解成功', [0, 5, 0, 0]]]);
    expect(option.tooltip.formatter([{ dataIndex: 1, axisValue: '11-03' }])).toBe('11-03<br/>受理登记: 6<br/>调解: <5<br/>调解成功: 5');
  });
});

describe('money', () => {
  it('shows fen as 元 with two decimals, exactly', () => {
    expect([0, 5, 100, 12345, 1234567, 10_000_000, -250].map(yuan)).toEqual(['0.00', '0.05', '1.00', '123.45', '12,345.67', '100,000.00', '-2.50']);
  });
  it('reads a rate typed in 元 as fen, refusing a negative, a third decimal or text', () => {
    expect(['100', '12.5', '0.05', ' 30.00 ', '0'].map(fenOf)).toEqual([10000, 1250, 5, 3000, 0]);
    for (const bad of ['-1', '1.234', 'abc', '', '1e3', '1,000']) expect(fenOf(bad), bad).toBeNull();
  });
  it('sends every filled rate of the form in fen and leaves an empty one out', () => {
    expect(ratesOf({ r: { '*': { agreed: '50', failed: '' }, neighbour: { agreed: '100.5' }, family: { refused: '  ' } } })).toEqual([
      { category: '*', outcome: 'agreed', fen: 5000 },
      { category: 'neighbour', outcome: 'agreed', fen: 10050 },
    ]);
    // What the server holds comes back into the form and out again unchanged.
    const held = [{ category: '*', outcome: 'failed', fen: 3000 }, { category: 'family', outcome: 'agreed', fen: 15005 }] as const;
    expect(valuesOf([...held]).r.family!.agreed).toBe('150.05');
    expect(ratesOf(valuesOf([...held]))).toEqual(held);
  });
});
