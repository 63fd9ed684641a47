import { expect, it } from 'vitest';
import { maskName, maskPhone, normaliseMobile } from './contact.ts';

it('normalises and masks contact details', () => {
  expect(normaliseMobile('+86 138-0013-8000')).toBe('13800138000');
  expect(normaliseMobile('0086 13800138000')).toBe('13800138000');
  expect(normaliseMobile('12800138000')).toBeNull();
  expect(normaliseMobile('1380013800')).toBeNull();
  expect(maskPhone('13800138000')).toBe('138****8000');
  expect(maskName('张三')).toBe('张*');
  expect(maskName('欧阳修文')).toBe('欧***');
});
