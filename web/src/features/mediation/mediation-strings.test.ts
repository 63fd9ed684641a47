/** Every dispute status, action, action field, event, category, box, clock, source and choice has words in all three languages. */
import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN/mediation.json';
import zhTW from '../../locales/zh-TW/mediation.json';
import en from '../../locales/en/mediation.json';
import { agreementForms, committeeLevels, disputeScales, disputeSources, disputeStatuses, disputeSystemEvents, referralTargets, roomModes } from '../../../../core/workflow/dispute-workflow';
import { disputeActionSchemas, disputeBoxes } from '../../../../core/schemas/disputes.schema';
import { disputeCategories } from '../../../../core/mediation/categories';
import { disputeClockKinds } from '../../../../core/mediation/clock-kinds';
import { mediatorLanguages } from './mediation-labels';

const byLanguage: Record<string, Record<string, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const strings = (l: string) => byLanguage[l]!;

describe('mediation words', () => {
  it('name every code the server sends, in zh-CN, zh-TW and en', () => {
    const keys = [
      ...disputeStatuses.map((s) => `mediation.st.${s}`),
      ...Object.keys(disputeActionSchemas).map((a) => `mediation.action.${a}`),
      ...Object.values(disputeActionSchemas).flatMap((s) => Object.keys(s.shape).map((f) => `mediation.field.${f}`)),
      ...disputeSystemEvents.map((e) => `mediation.ev.${e}`),
      ...disputeCategories.map((c) => `mediation.cat.${c}`),
      ...disputeBoxes.map((b) => `mediation.box.${b}`),
      ...disputeSources.map((s) => `mediation.src.${s}`),
      ...disputeScales.map((s) => `mediation.scale.${s}`),
      ...Object.keys(disputeClockKinds).map((k) => `mediation.clockKind.${k}`),
      ...committeeLevels.map((l) => `mediation.level.${l}`),
      ...roomModes.map((m) => `mediation.mode.${m}`),
      ...agreementForms.map((f) => `mediation.enum.form.${f}`),
      ...referralTargets.map((r) => `mediation.enum.to.${r}`),
      ...mediatorLanguages.map((l) => `mediation.lang.${l}`),
    ];
    for (const l of ['zh-CN', 'zh-TW', 'en']) expect(keys.filter((k) => !(k in strings(l))), l).toEqual([]);
  });
  it('writes English without Chinese characters except a named example', () => {
    expect(Object.entries(strings('en')).filter(([k, v]) => /[\u4e00-\u9fff]/.test(v) && !['mediation.org.namedAfterHint', 'mediation.field.record'].includes(k))).toEqual([]);
  });
});
