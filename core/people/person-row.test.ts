import { describe, expect, it } from 'vitest';
import { checkCharacter } from './id-number.ts';
import { codeMap, mapHeader, validatePersonRow, type RowCodes } from './person-row.ts';

const codes: RowCodes = {
  personType: codeMap([{ code: '01', name: '户籍人口' }, { code: '02', name: '流动人口' }]),
  sex: codeMap([{ code: '1', name: '男性' }, { code: '2', name: '女性' }], { 男: '1', 女: '2' }),
  ethnicity: codeMap([{ code: '01', name: '汉族' }, { code: '04', name: '藏族' }]),
};
const ID = '63222119850612123' + checkCharacter('63222119850612123');

describe('persons import rows', () => {
  it('find columns by Chinese header or English alias, and name what is missing or repeated', () => {
    expect(mapHeader(['\uFEFF姓名', 'ID Number', '所属网格', 'type', '备注']).index).toEqual({ name: 0, idNumber: 1, gridCode: 2, personType: 3 });
    expect(mapHeader(['name', 'phone', '手机号']).problems.map((p) => p.code)).toEqual(['repeated_column', 'missing_column', 'missing_column']);
  });
  it('accept codes or names, derive sex and birth date, normalise the phone', () => {
    const { index } = mapHeader(['姓名', '公民身份号码', '联系电话', '所属网格', '人员类型', '性别', '民族']);
    expect(validatePersonRow(['扎西', ID, '+86 139 1234 5678', '632221100201001', '户籍人口', '男', '藏族'], index, codes, '2026-11-24')).toEqual({
      value: { name: '扎西', idNumber: ID, sex: '1', birthDate: '1985-06-12', phone: '13912345678', gridCode: '632221100201001', personType: '01', ethnicity: '04', address: undefined },
    });
  });
  it('report every problem of a row by column', () => {
    const { index } = mapHeader(['姓名', '公民身份号码', '联系电话', '所属网格', '人员类型', '性别', '民族']);
    const r = validatePersonRow(['', ID.slice(0, 17) + 'Y', '123', '6322', '本地人', '女', '火星族'], index, codes, '2026-11-24');
    expect('issues' in r && r.issues.map((i) => `${i.column}:${i.code}`)).toEqual(['姓名:required', '所属网格:bad_grid_code', '人员类型:unknown_code', '公民身份号码:id_format', '民族:unknown_code', '联系电话:bad_mobile']);
    const mismatch = validatePersonRow(['扎西', ID, '', '632221100201001', '01', '女', ''], index, codes, '2026-11-24');
    expect('issues' in mismatch && mismatch.issues[0]!.code).toBe('sex_mismatch');
  });
});
