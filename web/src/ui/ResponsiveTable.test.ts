/**
 * ResponsiveTable's phone cards, rendered by React (server rendering, no browser): every column's title and rendered
 * value on each row's card, the Table's paging (the server's page or its own), selection boxes, row keys.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TableColumnType } from 'antd';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CardList } from './ResponsiveTable';
import { cardFields, pageOfRows, rowKeyOf } from './table-cards';

interface Row { code: string; status: string; place: { village: string }; note?: string }
const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({ code: `632221-C${String(i).padStart(3, '0')}`, status: i % 2 ? 'accepted' : 'submitted', place: { village: i % 3 ? '城关社区' : '白台村' } }));
const statusWords: Record<string, string> = { submitted: '待受理', accepted: '已受理' };
const columns: TableColumnType<Row>[] = [
  { title: '编号', dataIndex: 'code', key: 'code' },
  { title: '状态', dataIndex: 'status', key: 'status', render: (s: string) => createElement('b', { className: 'tag' }, statusWords[s]) },
  { title: '村社区', dataIndex: ['place', 'village'], key: 'village' },
  { title: '备注', dataIndex: 'note', key: 'note' },
  { title: '不显示', dataIndex: 'code', key: 'hidden', hidden: true },
];
const html = (props: Record<string, unknown>) => renderToStaticMarkup(createElement(CardList<Row>, { columns, dataSource: rows, rowKey: 'code', ...props }));
beforeAll(() => i18next.use(initReactI18next).init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: { 'table.empty': '暂无数据' } } } }));
const cards = (markup: string) => markup.match(/class="card-list-item"/g)?.length ?? 0;

describe('ResponsiveTable on a phone', () => {
  it("draws a card per row with each column's title and rendered value", () => {
    const markup = html({ pagination: false });
    expect(cards(markup)).toBe(25);
    const first = markup.slice(markup.indexOf('data-row-key="632221-C000"'), markup.indexOf('data-row-key="632221-C001"'));
    for (const text of ['编号', '632221-C000', '状态', '<b class="tag">待受理</b>', '村社区', '白台村', '备注', '—']) expect(first).toContain(text);
    expect(markup).not.toContain('不显示');
  });

  it("pages a whole list itself, 10 to a page as the Table does, and shows the server's page as is", () => {
    const own = html({});
    expect(cards(own)).toBe(10);
    expect(own).toContain('ant-pagination');
    const server = html({ dataSource: rows.slice(0, 20), pagination: { current: 3, pageSize: 20, total: 95 } });
    expect(cards(server)).toBe(20);
    expect(server).toMatch(/ant-pagination-simple/);
    expect(server).toContain('value="3"');
  });

  it('ticks the selected rows and says when there is nothing', () => {
    const markup = html({ pagination: false, rowSelection: { selectedRowKeys: ['632221-C001'], onChange: () => undefined } });
    expect(markup.match(/ant-checkbox-checked/g)?.length).toBe(1);
    expect(html({ dataSource: [] })).toMatch(/ant-empty[\s\S]*暂无数据/);
  });
});

describe('the helpers', () => {
  it("key rows as the Table does: a field, a function, else the index", () => {
    expect(rowKeyOf(rows[2]!, 2, 'code')).toBe('632221-C002');
    expect(rowKeyOf(rows[2]!, 2, (r) => `k-${r.code}`)).toBe('k-632221-C002');
    expect(rowKeyOf({ a: 1 }, 7, undefined)).toBe(7);
  });

  it('flatten column groups and call title functions', () => {
    const grouped = [{ title: () => '地点', children: [{ title: '村社区', dataIndex: ['place', 'village'] }] }] as unknown as TableColumnType<Row>[];
    expect(cardFields(grouped, rows[1]!, 1).map((f) => [f.title, f.value])).toEqual([['村社区', '城关社区']]);
    expect(cardFields([{ title: () => '编号', dataIndex: 'code' }], rows[1]!, 1)[0]!.title).toBe('编号');
  });

  it('page a list: the last page holds the rest; a page past the end shows the last rows', () => {
    expect(pageOfRows(rows, { current: 3 }).rows.map((r) => r.code)).toEqual(rows.slice(20).map((r) => r.code));
    expect(pageOfRows(rows, { current: 3 }).pager).toMatchObject({ current: 3, total: 25 });
    expect(pageOfRows(rows.slice(0, 5), undefined).pager).toBeNull();
  });
});
