/** Visit tasks on the home screen: days overdue on China calendar days, overdue first, rule words never codes. */
import { describe, expect, it } from 'vitest';
import { dueInfo, ruleWord, tasksToShow } from './tasks';

describe('visit tasks list', () => {
  it('counts days overdue between China calendar days', () => {
    expect(dueInfo({ dueOn: '2026-12-01' }, '2026-12-02')).toEqual({ overdueDays: 1, dueToday: false });
    expect(dueInfo({ dueOn: '2026-12-02' }, '2026-12-02')).toEqual({ overdueDays: 0, dueToday: true });
    expect(dueInfo({ dueOn: '2026-12-09' }, '2026-12-02')).toEqual({ overdueDays: 0, dueToday: false });
    expect(dueInfo({ dueOn: '2026-02-27' }, '2026-03-01')).toEqual({ overdueDays: 2, dueToday: false });
  });

  it('lists the most overdue first, then by due day, within a horizon when asked', () => {
    const tasks = [{ dueOn: '2026-12-20' }, { dueOn: '2026-11-30' }, { dueOn: '2026-12-02' }, { dueOn: '2026-11-20' }];
    expect(tasksToShow(tasks, '2026-12-02').map((x) => x.dueOn)).toEqual(['2026-11-20', '2026-11-30', '2026-12-02', '2026-12-20']);
    expect(tasksToShow(tasks, '2026-12-02', 7).map((x) => x.dueOn)).toEqual(['2026-11-20', '2026-11-30', '2026-12-02']);
  });

  it('names a rule in words, an unknown one as a plain visit', () => {
    expect(ruleWord('risk_high')).toBe('高风险户每月走访');
    expect(ruleWord('special_care')).toBe('重点人员随访');
    expect(ruleWord('something_new')).toBe('走访');
  });
});
