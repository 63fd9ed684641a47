import { expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

it('reads quoted fields, CRLF, a BOM and blank lines', () => {
  expect(parseCsv('\ufeffcode,name\r\n1,"a, ""b"""\n\n2,c')).toEqual([['code', 'name'], ['1', 'a, "b"'], ['2', 'c']]);
});
