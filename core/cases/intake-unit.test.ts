import { describe, expect, it } from 'vitest';
import { intakeUnit } from './intake-unit.ts';

const village = '632221100201', township = '632221100000', county = '632221000000';

describe('where a new report lands', () => {
  it('lands at the centre of the operator who entered it, an alarm at the county, the rest in the village', () => {
    expect(intakeUnit(village, 'visit', { role: 'operator', scopeCode: township })).toEqual({ level: 'township', regionCode: township });
    expect(intakeUnit(village, 'phone', { role: 'operator', scopeCode: county })).toEqual({ level: 'county', regionCode: county });
    expect(intakeUnit(village, 'visit', { role: 'operator', scopeCode: village })).toEqual({ level: 'village', regionCode: village });
    expect(intakeUnit(village, 'patrol', { role: 'gridWorker', scopeCode: village })).toEqual({ level: 'village', regionCode: village });
    expect(intakeUnit(village, 'app', null)).toEqual({ level: 'village', regionCode: village });
    expect(intakeUnit(village, 'alarm', null)).toEqual({ level: 'county', regionCode: county });
    // A township operator's scope must hold the place (intake refuses others; the rule never lands it elsewhere).
    expect(intakeUnit(village, 'visit', { role: 'operator', scopeCode: '632221200000' })).toEqual({ level: 'village', regionCode: village });
  });
});
