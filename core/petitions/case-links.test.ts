import { describe, expect, it } from 'vitest';
import { petitionChannels } from '../workflow/petition-workflow.ts';
import { staffChannels } from '../schemas/cases.schema.ts';
import { CASE_DESCRIPTION_MAX, caseChannelOf, caseDescriptionOf, petitionChannelOf } from './case-links.ts';

const caseChannels = ['visit', 'letter', 'web', 'phone', 'video', 'patrol', 'hotline', 'alarm', 'open311', 'app'];

describe('petition ↔ case channels and text', () => {
  it('gives every petition channel a channel the cases table accepts, and every case channel a visit, a call or online', () => {
    for (const c of petitionChannels) expect(caseChannels).toContain(caseChannelOf(c));
    expect(caseChannelOf('online')).toBe('web');
    for (const c of [...caseChannels, ...staffChannels]) expect(['visit', 'phone', 'online']).toContain(petitionChannelOf(c));
    expect([petitionChannelOf('patrol'), petitionChannelOf('hotline'), petitionChannelOf('letter')]).toEqual(['visit', 'phone', 'online']);
  });

  it('keeps a matter that fits as it is and cuts a longer one to the case limit with an ellipsis', () => {
    expect(caseDescriptionOf('路灯不亮')).toBe('路灯不亮');
    const cut = caseDescriptionOf('长'.repeat(CASE_DESCRIPTION_MAX + 5));
    expect(cut).toHaveLength(CASE_DESCRIPTION_MAX);
    expect(cut.endsWith('…')).toBe(true);
  });
});
