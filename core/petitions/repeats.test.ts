import { describe, expect, it } from 'vitest';
import { isFinalRepeat, matterSimilarity, rankRepeats, SAME_MATTER } from './repeats.ts';

const at = (d: string) => new Date(`${d}T00:00:00Z`);
const land = '村里征收我家承包地的补偿款至今没有发放到位，要求落实补偿';

describe('repeat petitions', () => {
  it('finds the same matter in other words above the threshold, and a different one below it', () => {
    expect(matterSimilarity(land, '征收我家承包地的补偿款没有发放到位，要求尽快落实补偿款')).toBeGreaterThanOrEqual(SAME_MATTER);
    expect(matterSimilarity(land, '小区门口路灯坏了三个月没人修')).toBeLessThan(0.1);
    expect(matterSimilarity('', land)).toBe(0);
  });

  it('lists person matches first, then same-matter ones, once each, and marks final only for the same facts', () => {
    const older = { code: '632221-X0000001', status: 'closed', matter: land, createdAt: at('2025-01-01'), final: true };
    const otherMatter = { code: '632221-X0000002', status: 'closed', matter: '邻居占用道路堆放杂物', createdAt: at('2025-06-01'), final: true };
    const near = { code: '632221-X0000003', status: 'accepted', matter: '征收承包地的补偿款没有发放到位，要求落实补偿', createdAt: at('2026-01-01'), final: false };
    const r = rankRepeats(land, [otherMatter, older], [older, near]);
    expect(r.map((x) => [x.code, x.match, x.final])).toEqual([
      ['632221-X0000002', 'person', false],
      ['632221-X0000001', 'person', true],
      ['632221-X0000003', 'matter', false],
    ]);
    expect(isFinalRepeat(r)?.code).toBe('632221-X0000001');
    expect(isFinalRepeat(rankRepeats(land, [otherMatter], []))).toBeNull();
  });
});
