import { describe, expect, it } from 'vitest';
import { isRecurring, requiredTasks, visitRuleCodes, visitRules, type VisitSubject } from './visit-rules.ts';

// A fake clock: 2026-03-10 10:00 China time.
const now = new Date('2026-03-10T02:00:00Z');
const due = (subjects: VisitSubject[]) => requiredTasks(subjects, now).map((t) => [t.subjectId, t.rule, t.dueOn]);

describe('visit rules', () => {
  it('gives high-risk households a task in 30 days, medium in 90, low and unassessed none', () => {
    expect(due([
      { type: 'household', id: 'h-high', riskLevel: 'high' },
      { type: 'household', id: 'h-medium', riskLevel: 'medium' },
      { type: 'household', id: 'h-low', riskLevel: 'low' },
      { type: 'household', id: 'h-none', riskLevel: null },
    ])).toEqual([['h-high', 'risk_high', '2026-04-09'], ['h-medium', 'risk_medium', '2026-06-08']]);
  });

  it('visits a person with severe mental illness every 90 days at grade 2 and every 14 at grade 4', () => {
    const since = new Date('2025-01-01T00:00:00Z');
    expect(due([
      { type: 'person', id: 'p2', care: [{ kind: 'special_group', category: '03', grade: 2, since }] },
      { type: 'person', id: 'p4', care: [{ kind: 'special_group', category: '03', grade: 4, since }] },
      { type: 'person', id: 'p3', care: [{ kind: 'special_group', category: '03', grade: 3, since }] },
    ])).toEqual([['p2', 'special_care', '2026-06-08'], ['p4', 'special_care', '2026-03-24'], ['p3', 'special_care', '2026-03-24']]);
  });

  it('counts the next visit from the last one', () => {
    const t = requiredTasks([{ type: 'household', id: 'h', riskLevel: 'high', lastVisitAt: new Date('2026-03-01T03:00:00Z') }], now);
    expect(t).toMatchObject([{ rule: 'risk_high', dueOn: '2026-03-31', days: 30, intervalDays: 30, start: new Date('2026-03-01T03:00:00Z') }]);
  });

  it('counts China days: a visit late in the evening UTC is the next morning in China', () => {
    // 2026-03-01 17:00 UTC = 2026-03-02 01:00 China time.
    expect(requiredTasks([{ type: 'household', id: 'h', riskLevel: 'high', lastVisitAt: new Date('2026-03-01T17:00:00Z') }], now)[0]!.dueOn).toBe('2026-04-01');
  });

  it('triggers a one-off visit for a new arrival, a major change and a petitioner, due days after the fact', () => {
    const at = new Date('2026-03-09T01:00:00Z');
    expect(due([
      { type: 'household', id: 'h', riskLevel: 'low', triggers: [{ rule: 'new_arrival', ref: 'rh:1', at }, { rule: 'major_change', ref: 'mc:1', at }] },
      { type: 'person', id: 'p', triggers: [{ rule: 'petitioner', ref: 'pt:1', at }] },
    ])).toEqual([['h', 'new_arrival', '2026-03-16'], ['h', 'major_change', '2026-03-12'], ['p', 'petitioner', '2026-03-16']]);
    const [t] = requiredTasks([{ type: 'person', id: 'p', triggers: [{ rule: 'petitioner', ref: 'pt:1', at }] }], now);
    expect(t).toMatchObject({ triggerRef: 'pt:1', intervalDays: null });
  });

  it('visits a hardship household within 7 days of its record, then every 90 days', () => {
    const since = new Date('2026-03-08T02:00:00Z');
    const care = [{ kind: 'care', category: '02', since }];
    expect(due([{ type: 'person', id: 'p', care }])).toEqual([['p', 'hardship', '2026-03-15']]);
    expect(due([{ type: 'person', id: 'p', care, lastVisitAt: new Date('2026-03-12T02:00:00Z') }])).toEqual([['p', 'hardship', '2026-06-10']]);
  });

  it('visits everyone else under care every 90 days (elderly living alone, left-behind, community correction, youth); a migrant needs no rule', () => {
    const since = new Date('2025-01-01T00:00:00Z');
    expect(due([
      { type: 'person', id: 'alone', care: [{ kind: 'care', category: '01', since }] },
      { type: 'person', id: 'child', care: [{ kind: 'care', category: '05', since }] },
      { type: 'person', id: 'correction', care: [{ kind: 'special_group', category: '02', since }] },
      { type: 'person', id: 'youth', care: [{ kind: 'youth', category: '01', since }] },
      { type: 'person', id: 'migrant', care: [{ kind: 'migrant', category: null, since }] },
      { type: 'person', id: 'both', care: [{ kind: 'special_group', category: '03', grade: 1, since }, { kind: 'care', category: '01', since }] },
    ])).toEqual([['alone', 'care_other', '2026-06-08'], ['child', 'care_other', '2026-06-08'], ['correction', 'care_other', '2026-06-08'], ['youth', 'care_other', '2026-06-08'], ['both', 'special_care', '2026-06-08'], ['both', 'care_other', '2026-06-08']]);
  });

  it('names no sensitive category in a rule code, and says where each rule comes from', () => {
    for (const code of visitRuleCodes) {
      expect(code).not.toMatch(/mental|psych|drug|hiv|prison|correction|disab/i);
      expect(visitRules[code].code).toBe(code);
      expect(visitRules[code].source.length).toBeGreaterThan(5);
    }
    expect(isRecurring('risk_high')).toBe(true);
    expect(isRecurring('petitioner')).toBe(false);
  });
});
