import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN/petitions.json';
import zhTW from '../../locales/zh-TW/petitions.json';
import en from '../../locales/en/petitions.json';
import type { PetitionKpis } from './petition-overview.api';
import { channelOption, everyDay, keyFigures, shownCount, shownRate, suppressedDays, trendOption } from './petition-overview.option';

const kpis = (over: Partial<PetitionKpis> = {}): PetitionKpis => ({
  region: '632221000000', from: '2026-11-02', to: '2026-12-01', suppressedBelow: 5,
  totals: { registered: 40, collective: null, skippedLevel: 6, repeated: 8, notified: 20, notifiedInTime: 19, concluded: null, concludedInTime: null, served: 12, rated: 10, satisfied: 6, basicallySatisfied: null, notAccepted: 0 },
  channels: { visit: 12, letter: null, online: 20, phone: 0, video: null },
  rates: { notifiedInTime: 0.95, concludedInTime: null, satisfaction: 0.8, repeat: 0.2, skippedLevel: 0.15 },
  trend: [], children: [], bodies: [], ...over,
});

describe('petition overview figures', () => {
  it('show a suppressed count as "<5", never as 0, and a real zero as 0', () => {
    expect(shownCount(null, 5)).toEqual({ text: '<5', suppressed: true });
    expect(shownCount(0, 5)).toEqual({ text: '0', suppressed: false });
    expect(shownCount(17, 5)).toEqual({ text: '17', suppressed: false });
  });
  it('show shares with one decimal; a share of a suppressed count is suppressed; nothing to divide is a dash', () => {
    expect(shownRate(0.9567, 30, 5).text).toBe('95.7%');
    expect(shownRate(1, 30, 5).text).toBe('100.0%');
    expect(shownRate(null, null, 5)).toEqual({ text: '<5', suppressed: true });
    expect(shownRate(null, 0, 5)).toEqual({ text: '—', suppressed: false });
    expect(shownRate(null, undefined, 5)).toEqual({ text: '—', suppressed: false, maybeHidden: true });
  });
  it('lists the cards in order with each share taken against its own count', () => {
    expect(keyFigures(kpis()).map((f) => [f.name, f.shown.text])).toEqual([
      ['registered', '40'], ['notifiedInTime', '95.0%'], ['concludedInTime', '<5'], ['satisfaction', '80.0%'], ['repeat', '20.0%'], ['skippedLevel', '15.0%'], ['collective', '<5'],
    ]);
  });
  it('uses the suppression threshold the server states', () => {
    expect(keyFigures(kpis({ suppressedBelow: 3 }))[6]!.shown.text).toBe('<3');
  });
});

describe('petition overview charts', () => {
  it('fills every day of the period: a day without a row had none, a hidden day stays hidden', () => {
    const days = everyDay([{ day: '2026-11-29', registered: 7 }, { day: '2026-12-01', registered: null }], '2026-11-28', '2026-12-01');
    expect(days).toEqual([{ day: '2026-11-28', registered: 0 }, { day: '2026-11-29', registered: 7 }, { day: '2026-11-30', registered: 0 }, { day: '2026-12-01', registered: null }]);
    expect(everyDay([], '2026-12-01', '2026-11-01')).toEqual([]);
  });
  it('draws the trend with no bar for hidden days, which the tooltip names "<5", and counts them', () => {
    const rows = [{ day: '2026-11-30', registered: 7 }, { day: '2026-12-01', registered: null }];
    const o = trendOption(rows, 5, '登记');
    expect(o.xAxis.data).toEqual(['11-30', '12-01']);
    expect(o.series[0]!.data).toEqual([7, null]);
    expect(o.tooltip.formatter([{ dataIndex: 1, axisValue: '12-01' }])).toBe('12-01<br/>登记: <5');
    expect(o.tooltip.formatter([{ dataIndex: 0, axisValue: '11-30' }])).toBe('11-30<br/>登记: 7');
    expect(suppressedDays(rows)).toBe(1);
  });
  it('draws the five channels, 走访 on top, a hidden one with no bar and the label "<5"', () => {
    const labels = { visit: '走访', letter: '来信', online: '网上', phone: '来电', video: '视频' };
    const o = channelOption(kpis().channels, 5, labels);
    expect(o.yAxis.data).toEqual(['视频', '来电', '网上', '来信', '走访']);
    expect(o.series[0]!.data).toEqual([0, 0, 20, 0, 12]);
    expect([0, 1, 2, 3, 4].map((i) => o.series[0]!.label.formatter({ dataIndex: i }))).toEqual(['<5', '0', '20', '<5', '12']);
  });
});

describe('petition overview words', () => {
  it('name and define every card in zh-CN, zh-TW and en', () => {
    const names = [...keyFigures(kpis()).map((f) => f.name), 'overdueNow'];
    const keys = names.flatMap((n) => [`petitions.ov.${n}`, `petitions.ov.def.${n}`]);
    for (const [l, words] of Object.entries({ 'zh-CN': zhCN, 'zh-TW': zhTW, en })) expect(keys.filter((k) => !(k in words)), l).toEqual([]);
  });
});
