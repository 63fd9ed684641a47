import { describe, expect, it } from 'vitest';
import { bodyKeyOf, hideColumn, judgedClock, ratingDeltas, registrationDeltas, statPlaceOf, suppressed, suppressedRate, transitionDeltas } from './stats.ts';

describe('petition statistics: what each event counts', () => {
  it('a registration counts its channel and its flags', () => {
    expect(registrationDeltas({ channel: 'visit', collective: true, skippedLevel: false, repeatOf: 'x' })).toEqual({ registered: 1, chVisit: 1, collective: 1, skippedLevel: 0, repeated: 1 });
    expect(registrationDeltas({ channel: 'letter', collective: false, skippedLevel: true, repeatOf: null })).toMatchObject({ chLetter: 1, skippedLevel: 1, repeated: 0 });
  });
  it('the notice is judged by the body\'s notify clock, or the office\'s routing clock when it decides itself', () => {
    expect(judgedClock('accept', 'transferred')).toBe('notify_by');
    expect(judgedClock('notAccept', 'registered')).toBe('transfer_by');
    expect(judgedClock('conclude', 'accepted')).toBe('conclude_by');
    expect(judgedClock('serve', 'replied')).toBeNull();
  });
  it('a late notice is counted but not in time; a refusal is a notice too', () => {
    expect(transitionDeltas('accept', false)).toEqual({ notified: 1, notifiedInTime: 0 });
    expect(transitionDeltas('notAccept', true)).toEqual({ notified: 1, notifiedInTime: 1, notAccepted: 1 });
    expect(transitionDeltas('conclude', true)).toEqual({ concluded: 1, concludedInTime: 1 });
    expect(transitionDeltas('urge', true)).toEqual({});
  });
  it('基本满意 counts as rated and apart from 满意', () => {
    expect(ratingDeltas('basically')).toEqual({ rated: 1, satisfied: 0, basicallySatisfied: 1 });
    expect(ratingDeltas('unsatisfied')).toEqual({ rated: 1, satisfied: 0, basicallySatisfied: 0 });
  });
  it('body and place keys', () => {
    expect(bodyKeyOf({ bodyDepartmentId: 'u1', bodyRegionCode: null, officeRegion: '620201000000' })).toBe('d:u1');
    expect(bodyKeyOf({ bodyDepartmentId: null, bodyRegionCode: '620201100000', officeRegion: '620201000000' })).toBe('r:620201100000');
    expect(bodyKeyOf({ bodyDepartmentId: null, bodyRegionCode: null, officeRegion: '620201000000' })).toBe('r:620201000000');
    expect(statPlaceOf({ villageCode: null, officeRegion: '620201100000' })).toBe('620201100000');
  });
});

describe('small counts are hidden', () => {
  it('1 to 4 become null; 0 and 5 stay', () => {
    expect([0, 1, 4, 5, 17].map(suppressed)).toEqual([0, null, null, 5, 17]);
  });
  it('a rate over fewer than 5 is not shown (3 ratings would tell who was unsatisfied)', () => {
    expect(suppressedRate(2, 3)).toBeNull();
    expect(suppressedRate(0, 0)).toBeNull();
    expect(suppressedRate(4, 5)).toBe(0.8);
  });
});

describe('a breakdown does not give away its hidden cells', () => {
  it('one hidden cell takes the smallest other non-zero cell with it, so the total minus the rest tells nothing', () => {
    expect(hideColumn([12, 3, 7, 0], 22)).toEqual({ cells: [12, null, null, 0], total: 22 });
  });
  it('when the hidden cell is the only non-zero one, the total is hidden too', () => {
    expect(hideColumn([0, 1, 0], 1)).toEqual({ cells: [0, null, 0], total: null });
  });
  it('two or more hidden cells are enough by themselves; nothing small, nothing hidden', () => {
    expect(hideColumn([2, 3, 9], 14)).toEqual({ cells: [null, null, 9], total: 14 });
    expect(hideColumn([5, 0, 9], 14)).toEqual({ cells: [5, 0, 9], total: 14 });
  });
});
