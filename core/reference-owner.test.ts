import { describe, expect, it } from 'vitest';
import { SHARED_OWNER, appliesAt, mayChangeOwned, ownerOfCounty } from './reference-owner.ts';

describe('reference data owners', () => {
  it('leaves shared data to prefecture-level administrators and above', () => {
    expect(mayChangeOwned('000000000000', SHARED_OWNER)).toBe(true);
    expect(mayChangeOwned('630000000000', SHARED_OWNER)).toBe(true);
    expect(mayChangeOwned('632200000000', SHARED_OWNER)).toBe(true);
    expect(mayChangeOwned('632221000000', SHARED_OWNER)).toBe(false);
    expect(mayChangeOwned('632221100201', SHARED_OWNER)).toBe(false);
  });

  it('lets an administrator change what lies inside their scope only', () => {
    expect(mayChangeOwned('632221000000', ownerOfCounty('632221'))).toBe(true);
    expect(mayChangeOwned('632221000000', ownerOfCounty('632222'))).toBe(false);
    expect(mayChangeOwned('632221100201', ownerOfCounty('632221'))).toBe(false);
    expect(mayChangeOwned('632221100201', '632221100201')).toBe(true);
    expect(mayChangeOwned('632221000000', '632221100201')).toBe(true);
    expect(ownerOfCounty('000000')).toBe(SHARED_OWNER);
  });

  it('applies shared data everywhere and local data inside its owner only', () => {
    expect(appliesAt(SHARED_OWNER, '632222100101')).toBe(true);
    expect(appliesAt('632221000000', '632221100201')).toBe(true);
    expect(appliesAt('632221000000', '632222100101')).toBe(false);
    expect(appliesAt('632221100201', SHARED_OWNER)).toBe(false);
  });
});
