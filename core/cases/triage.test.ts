import { describe, expect, it } from 'vitest';
import { defaultRouting, escalateFrom, routeFor, suggestTier } from './triage.ts';

const v = '632221100201';
describe('triage', () => {
  const cat = { id: 'dispute.neighbour', defaultTier: 'minor' as const, keywords: { tricky: ['多次'], hard: ['群体', '上访'] } };
  it('suggests the category default, raised by the strongest keyword', () => {
    expect(suggestTier(cat, '邻居家狗叫')).toEqual({ tier: 'minor', matched: [] });
    expect(suggestTier(cat, '多次协商不成')).toEqual({ tier: 'tricky', matched: ['多次'] });
    expect(suggestTier(cat, '多次协商不成，可能引发群体事件').tier).toBe('hard');
  });
  it('routes by tier to the village, township, department or county', () => {
    expect(routeFor('minor', v, defaultRouting, 'd1')).toEqual({ level: 'village', regionCode: v });
    expect(routeFor('tricky', v, defaultRouting, 'd1')).toEqual({ level: 'township', regionCode: '632221100000' });
    expect(routeFor('complex', v, defaultRouting, 'd1')).toEqual({ level: 'department', departmentId: 'd1', regionCode: '632221000000' });
    expect(routeFor('hard', v, defaultRouting, null)).toEqual({ level: 'county', regionCode: '632221000000' });
  });
  it('puts the place first when no department owns the category', () => {
    expect(routeFor('complex', v, defaultRouting, null)).toEqual({ level: 'township', regionCode: '632221100000' });
  });
  it('escalates one level at a time', () => {
    expect(escalateFrom({ level: 'village', regionCode: v }, v)).toEqual({ level: 'township', regionCode: '632221100000' });
    expect(escalateFrom({ level: 'township', regionCode: '632221100000' }, v)).toEqual({ level: 'county', regionCode: '632221000000' });
    expect(escalateFrom({ level: 'department', departmentId: 'd1', regionCode: '632221000000' }, v).level).toBe('county');
  });
});
