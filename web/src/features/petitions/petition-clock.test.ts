import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN/petitions.json';
import zhTW from '../../locales/zh-TW/petitions.json';
import en from '../../locales/en/petitions.json';
import { clockView, isWindowKind, windowKinds, windowView } from './petition-clock';

const now = new Date('2026-12-01T09:30:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('petition clock view', () => {
  it('is green with days to spare, amber once the server warned, red past due even before the sweep marks it', () => {
    expect(clockView({ dueAt: at(10), colour: 'green' }, now)).toEqual({ tone: 'green', key: 'cases.remain.days', n: 10 });
    expect(clockView({ dueAt: at(3), colour: 'yellow' }, now)).toEqual({ tone: 'amber', key: 'cases.remain.days', n: 3 });
    expect(clockView({ dueAt: at(-2), colour: 'yellow' }, now)).toEqual({ tone: 'red', key: 'cases.over.days', n: 2 });
    expect(clockView({ dueAt: at(-1), colour: 'red' }, now).tone).toBe('red');
  });
  it('shows a settled clock as settled and no clock as none', () => {
    expect(clockView({ dueAt: at(5), colour: 'grey' }, now)).toEqual({ tone: 'none', key: 'petitions.clock.settled', n: 5 });
    expect(clockView({ dueAt: null }, now)).toEqual({ tone: 'none', key: 'cases.remain.none', n: 0 });
  });
});

describe("the petitioner's review windows", () => {
  it('count down the 复查 and 复核 windows in days, then hours, and say when one lapsed, never overdue', () => {
    expect(windowView({ status: 'replied', toServe: false, windowKind: 'review_window', windowDueAt: at(12.5) }, now)).toEqual({ kind: 'review_window', key: 'petitions.window.review_window.days', n: 12, hint: 'petitions.window.hint.review_window' });
    expect(windowView({ status: 'reviewed', toServe: false, windowKind: 're_review_window', windowDueAt: at(0.5) }, now)).toMatchObject({ kind: 're_review_window', key: 'petitions.window.re_review_window.hours', n: 12 });
    expect(windowView({ status: 'replied', toServe: false, windowKind: 'review_window', windowDueAt: at(-1) }, now)).toMatchObject({ key: 'petitions.window.review_window.lapsed' });
    // Without the clock's kind, the status says which window the served opinion opened.
    expect(windowView({ status: 'reviewed', toServe: false, windowDueAt: at(20) }, now)).toMatchObject({ key: 'petitions.window.re_review_window.days', n: 20 });
    expect(windowView({ status: 're_reviewed', toServe: false, windowDueAt: at(20) }, now)).toBeNull();
  });
  it('show an unserved reply or opinion as awaiting service: its window has not started', () => {
    expect(windowView({ status: 'replied', toServe: true, windowKind: null, windowDueAt: null }, now)).toEqual({ kind: 'toServe', key: 'petitions.window.toServe.replied', hint: 'petitions.window.hint.toServe' });
    expect(windowView({ status: 're_reviewed', toServe: true }, now)?.key).toBe('petitions.window.toServe.re_reviewed');
  });
  it('leave every other petition to its body clock', () => {
    expect(windowView({ status: 'accepted', toServe: true }, now)).toBeNull();
    expect(windowView({ status: 'review', toServe: false, windowKind: 'review_window', windowDueAt: at(3) }, now)).toBeNull();
    expect(windowView({ status: 'replied', toServe: false }, now)).toBeNull();
    expect(windowView({ status: 'replied', toServe: false, windowKind: 'conclude_by', windowDueAt: at(3) }, now)).toBeNull();
  });
  it('know which clock kinds are the petitioner’s', () => {
    expect(['review_window', 're_review_window', 'conclude_by', 'review_reply', null].map(isWindowKind)).toEqual([true, true, false, false, false]);
  });
});

describe('window words', () => {
  it('exist in zh-CN, zh-TW and en for every view the function can give', () => {
    const keys = new Set<string>();
    for (const status of ['replied', 'reviewed', 're_reviewed']) for (const toServe of [true, false]) for (const windowKind of windowKinds) for (const days of [-1, 0.01, 0.5, 10]) {
      const v = windowView({ status, toServe, windowKind, windowDueAt: at(days) }, now);
      if (v) keys.add(v.key).add(v.hint);
    }
    expect(keys.size).toBe(3 + 2 * 4 + 3); // three to serve, two windows in four wordings, three hints
    for (const [l, words] of Object.entries({ 'zh-CN': zhCN, 'zh-TW': zhTW, en })) expect([...keys].filter((k) => !(k in words)), l).toEqual([]);
  });
});
