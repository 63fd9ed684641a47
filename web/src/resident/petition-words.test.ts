/** The petition pages' words: the same keys in three languages, zh-TW in Traditional characters, English without Chinese, every public stage and step named. */
import { describe, expect, it } from 'vitest';
import { pen, pzhCN, pzhTW } from './petition-words';
import { isPetitionCode } from './petition-code';
import { publicPetitionEvents } from '../../../core/workflow/petition-workflow';
import { petitionCodePattern } from '../../../core/schemas/petitions.schema';

const strings = (d: object): string[] => Object.values(d).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as object)));
const keys = (d: object): string[] => Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [k] : keys(v as object).map((x) => `${k}.${x}`))).sort();
// Simplified forms whose Traditional form differs, among those these pages use.
const simplifiedOnly = '访诉决议见检举纪监类别请择写实经过单体选们将规内应复视从态为级处话号码于办进询时间阶过评价满谢链凭启页转门终结记报办';

describe('petition page words', () => {
  it('have the same keys in all three languages', () => {
    expect(keys(pzhTW)).toEqual(keys(pzhCN));
    expect(keys(pen)).toEqual(keys(pzhCN));
  });
  it('write zh-TW in Traditional characters and English without Chinese', () => {
    expect(strings(pzhTW).filter((s) => [...s].some((ch) => simplifiedOnly.includes(ch)))).toEqual([]);
    expect(strings(pen).filter((s) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(s))).toEqual([]);
  });
  it('name every step the public page shows', () => {
    expect(publicPetitionEvents.filter((e) => !(e in pzhCN.ev))).toEqual([]);
  });
  it('tell a petition code from a case code as the server does', () => {
    for (const c of ['632221-X1234567', '632221-XABCDEFG', '632221-7KQ2M9XF', '632221-x1234567', '632221-X123456']) expect(isPetitionCode(c)).toBe(petitionCodePattern.test(c));
    expect(isPetitionCode('632221-X1234567')).toBe(true);
    expect(isPetitionCode('632221-7KQ2M9XF')).toBe(false);
  });
});
