import { describe, expect, it } from 'vitest';
import { spendReveal, type RevealBucket } from './reveal-budget.ts';

const limit = { max: 30, windowMs: 3_600_000 };
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('spendReveal', () => {
  it('allows 30 reveals at once, refuses the 31st and alerts once', () => {
    let b: RevealBucket | null = null;
    const answers: { allowed: boolean; alert: boolean }[] = [];
    for (let i = 0; i < 33; i++) {
      const r = spendReveal(b, t0, limit);
      answers.push({ allowed: r.allowed, alert: r.alert });
      b = r.next;
    }
    expect(answers.filter((a) => a.allowed)).toHaveLength(30);
    expect(answers.slice(30)).toEqual([{ allowed: false, alert: true }, { allowed: false, alert: false }, { allowed: false, alert: false }]);
  });
  it('drains at the limit rate: one more reveal every two minutes, and no double burst at a window boundary', () => {
    let b: RevealBucket = { level: 30, updatedAt: t0, alertedAt: null };
    expect(spendReveal(b, at(60_000), limit).allowed).toBe(false);
    const r = spendReveal(b, at(120_000), limit);
    expect(r.allowed).toBe(true);
    b = r.next;
    expect(spendReveal(b, at(121_000), limit).allowed).toBe(false);
  });
  it('alerts again only a window after the last alert', () => {
    const b: RevealBucket = { level: 30, updatedAt: t0, alertedAt: t0 };
    expect(spendReveal(b, t0, limit).alert).toBe(false);
    expect(spendReveal({ ...b, updatedAt: at(3_600_000) }, at(3_600_000), limit).alert).toBe(true);
  });
});
