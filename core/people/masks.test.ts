import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, suppressSmall } from './masks.ts';

describe('masks', () => {
  it('hide the birth date of an ID number and all but the first character of a name', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠮷野家')).toBe('𠮷**'); // a character outside the BMP counts as one
  });
  it('suppress counts from 1 to 4, keep 0 and 5 upwards', () => {
    expect([0, 1, 4, 5, 96].map(suppressSmall)).toEqual([0, null, null, 5, 96]);
  });
});
