/** The mediation pages' words: the same keys in three languages, zh-TW in Traditional characters, English without Chinese, every public step, stage and category named. */
import { describe, expect, it } from 'vitest';
import { den, dzhCN, dzhTW } from './dispute-words';
import { isDisputeCode } from './dispute-code';
import { isPetitionCode } from './petition-code';
import { disputeStatuses, publicDisputeEvents } from '../../../core/workflow/dispute-workflow';
import { disputeCategories } from '../../../core/mediation/categories';
import { DisputeCode } from '../../../core/schemas/disputes.schema';

const strings = (d: object): string[] => Object.values(d).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as object)));
const keys = (d: object): string[] => Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [k] : keys(v as object).map((x) => `${k}.${x}`))).sort();
// Simplified forms whose Traditional form differs, among those these pages use.
const simplifiedOnly = '请调纠纷协议结员员会联系双后经过对选时间进询显个资讯户义务议级议组织讯处约请围墙';

describe('mediation page words', () => {
  it('have the same keys in all three languages', () => {
    expect(keys(dzhTW)).toEqual(keys(dzhCN));
    expect(keys(den)).toEqual(keys(dzhCN));
  });
  it('write zh-TW in Traditional characters and English without Chinese', () => {
    expect(strings(dzhTW).filter((s) => [...s].some((ch) => simplifiedOnly.includes(ch)))).toEqual([]);
    expect(strings(den).filter((s) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(s))).toEqual([]);
  });
  it('name every step, stage and category the public page shows', () => {
    expect(publicDisputeEvents.filter((e) => !(e in dzhCN.ev))).toEqual([]);
    expect(disputeStatuses.filter((s) => !(s in dzhCN.stage))).toEqual([]);
    expect(disputeCategories.filter((c) => !(c in dzhCN.cat))).toEqual([]);
  });
  it('tell a dispute code from a petition or case code as the server does', () => {
    for (const c of ['632221-M1234567', '632221-MABCDEFG', '632221-X1234567', '632221-7KQ2M9XF', '632221-m1234567', '632221-M123456']) expect(isDisputeCode(c)).toBe(DisputeCode.safeParse(c).success);
    expect(isDisputeCode('632221-MCT26SR6')).toBe(true);
    expect(isPetitionCode('632221-MCT26SR6')).toBe(false);
  });
});
