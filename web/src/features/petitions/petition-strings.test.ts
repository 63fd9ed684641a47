/** Every petition status, action, event, kind, channel, clock, ground, box and action field has words in all three languages. */
import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN/petitions.json';
import zhTW from '../../locales/zh-TW/petitions.json';
import en from '../../locales/en/petitions.json';
import { notAcceptGrounds, petitionChannels, petitionEventTypes, petitionKinds, petitionRatings, petitionStatuses } from '../../../../core/workflow/petition-workflow';
import { petitionActionSchemas, petitionBoxes } from '../../../../core/schemas/petitions.schema';
import { petitionClockKinds } from '../../../../core/petitions/clock-kinds';

const byLanguage: Record<string, Record<string, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const strings = (l: string) => byLanguage[l]!;

describe('petition words', () => {
  it('name every code the server sends, in zh-CN, zh-TW and en', () => {
    const keys = [
      ...petitionStatuses.map((s) => `petitions.st.${s}`),
      ...Object.keys(petitionActionSchemas).map((a) => `petitions.action.${a}`),
      ...Object.values(petitionActionSchemas).flatMap((s) => Object.keys(s.shape).map((f) => `petitions.field.${f}`)),
      ...petitionEventTypes.map((e) => `petitions.ev.${e}`),
      ...petitionKinds.map((k) => `petitions.kinds.${k}`),
      ...petitionChannels.map((c) => `petitions.channels.${c}`),
      ...Object.keys(petitionClockKinds).map((k) => `petitions.clockKind.${k}`),
      ...notAcceptGrounds.map((g) => `petitions.ground.${g}`),
      ...petitionRatings.map((r) => `petitions.rate.${r}`),
      ...petitionBoxes.map((b) => `petitions.box.${b}`),
    ];
    for (const l of ['zh-CN', 'zh-TW', 'en']) expect(keys.filter((k) => !(k in strings(l))), l).toEqual([]);
  });
  it('writes English without Chinese characters', () => {
    expect(Object.entries(strings('en')).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });
});
