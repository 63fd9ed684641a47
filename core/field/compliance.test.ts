import { describe, expect, it } from 'vitest';
import { compliance, type PatrolDay } from './compliance.ts';

const row = (gridCode: string, userId: string, day: string, ended = 1, extra: Partial<PatrolDay> = {}): PatrolDay => ({ gridCode, userId, day, patrols: 1, ended, minutes: 30 * ended, distanceM: 1000 * ended, findings: 0, ...extra });
const g1 = '632221100201001';
const g2 = '632221100201002';
const g3 = '632221200201001';

describe('一日一巡 compliance', () => {
  it('counts a worker\'s days with an ended patrol, once a day however many patrols', () => {
    const r = compliance([row(g1, 'u1', '2026-03-01'), row(g1, 'u1', '2026-03-01'), row(g1, 'u1', '2026-03-03'), row(g1, 'u1', '2026-03-04', 0)], [g1], 7);
    expect(r.workers).toEqual([{ userId: 'u1', gridCodes: [g1], days: 7, patrolledDays: 2, rate: 0.286, patrols: 4, minutes: 90, distanceM: 3000, findings: 0 }]);
  });
  it('counts a grid\'s day when any worker ended a patrol there; lists an unpatrolled grid at 0', () => {
    const r = compliance([row(g1, 'u1', '2026-03-01'), row(g1, 'u2', '2026-03-01'), row(g1, 'u2', '2026-03-02')], [g1, g2], 2);
    expect(r.grids.map((g) => [g.gridCode, g.patrolledDays, g.rate])).toEqual([[g1, 2, 1], [g2, 0, 0]]);
  });
  it('rates a township by its grids\' patrolled days over grids × days', () => {
    const r = compliance([row(g1, 'u1', '2026-03-01'), row(g1, 'u1', '2026-03-02'), row(g2, 'u3', '2026-03-01'), row(g3, 'u4', '2026-03-01')], [g1, g2, g3], 2);
    expect(r.townships).toEqual([
      expect.objectContaining({ townshipCode: '632221100000', grids: 2, days: 2, patrolledDays: 3, rate: 0.75 }),
      expect.objectContaining({ townshipCode: '632221200000', grids: 1, days: 2, patrolledDays: 1, rate: 0.5 }),
    ]);
  });
});
