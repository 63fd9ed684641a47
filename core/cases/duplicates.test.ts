import { describe, expect, it } from 'vitest';
import { boxAround, distanceMeters, rankDuplicates, textSimilarity } from './duplicates.ts';

describe('duplicate suggestions', () => {
  it('measures distances on the ground', () => {
    expect(Math.round(distanceMeters(101, 37, 101, 37.001))).toBe(111);
    const [a, b, c, d] = boxAround(101, 37, 200);
    expect(distanceMeters(101, 37, c, 37)).toBeGreaterThanOrEqual(199);
    expect(a).toBeLessThan(101);
    expect(b).toBeLessThan(37);
    expect(d).toBeGreaterThan(37);
  });
  it('scores Chinese text by shared character pairs', () => {
    expect(textSimilarity('团结村路口井盖缺失', '团结村路口的井盖丢了')).toBeGreaterThan(0.4);
    expect(textSimilarity('团结村路口井盖缺失', '邻居家狗夜里一直叫')).toBe(0);
    expect(textSimilarity('', '')).toBe(0);
  });
  it('keeps candidates within 200 m, most similar first', () => {
    const r = rankDuplicates(101, 37, '路口井盖缺失', [
      { code: 'far', lng: 101.01, lat: 37, description: '路口井盖缺失' },
      { code: 'near-other', lng: 101.0005, lat: 37, description: '路灯不亮' },
      { code: 'near-same', lng: 101.001, lat: 37, description: '路口井盖缺失很危险' },
    ]);
    expect(r.map((x) => x.code)).toEqual(['near-same', 'near-other']);
  });
});
