/** Pure helpers of ResponsiveTable's phone cards: a row's key, the fields a card shows, the rows of a page. */
import type { Key, ReactNode } from 'react';
import type { TableColumnType, TablePaginationConfig, TableProps } from 'antd';

/** The key Ant Design's Table would give a row (rowKey as a field name or a function; else the index). */
export function rowKeyOf<T>(row: T, index: number, rowKey: TableProps<T>['rowKey']): Key {
  if (typeof rowKey === 'function') return rowKey(row, index) as Key;
  const field = rowKey ?? 'key';
  const value = (row as Record<string, unknown>)[field as string];
  return value === undefined || value === null ? index : (value as Key);
}

/** A value at a column's dataIndex ('name', ['region', 'name'] or a number). */
function valueAt(row: unknown, dataIndex: unknown): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string | number, unknown>)[k as string]), row);
}

/** One line of a card: the column's title and the cell as the table would render it. */
export interface CardField { key: string; title: ReactNode | null; value: ReactNode }

/** The lines of a card for one row: every visible column (groups flattened), rendered with the column's render. */
export function cardFields<T>(columns: TableColumnType<T>[], row: T, index: number): CardField[] {
  const flat = columns.flatMap((c) => ('children' in c && Array.isArray(c.children) ? (c.children as TableColumnType<T>[]) : [c]));
  return flat
    .filter((c) => !c.hidden)
    .map((c, n) => {
      const raw = valueAt(row, c.dataIndex);
      let value = (c.render ? c.render(raw, row, index) : raw) as unknown;
      // A render may answer { children, props } (cell spans), as the Table allows.
      if (value && typeof value === 'object' && 'children' in (value as object) && 'props' in (value as object)) value = (value as { children: unknown }).children;
      const title = typeof c.title === 'function' ? (c.title as (p: object) => ReactNode)({}) : (c.title ?? null);
      return { key: String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : (c.dataIndex as string | undefined)) ?? n), title, value: value === undefined || value === null || value === '' ? '—' : (value as ReactNode) };
    });
}

/** The rows of the current page and the pager's settings: the server's page as is, or the Table's own paging of a whole list. */
export function pageOfRows<T>(rows: readonly T[], pagination: false | TablePaginationConfig | undefined): { rows: readonly T[]; offset: number; pager: (TablePaginationConfig & { current: number; pageSize: number; total: number }) | null } {
  if (pagination === false) return { rows, offset: 0, pager: null };
  const cfg = pagination ?? {};
  const pageSize = cfg.pageSize ?? cfg.defaultPageSize ?? 10;
  const current = cfg.current ?? cfg.defaultCurrent ?? 1;
  // A total larger than the rows given means the server pages; otherwise the list is paged here, as the Table does.
  const serverPaged = cfg.total !== undefined && cfg.total > rows.length;
  const total = serverPaged ? cfg.total! : rows.length;
  const offset = serverPaged ? (current - 1) * pageSize : Math.min((current - 1) * pageSize, Math.max(0, rows.length - 1));
  const shown = serverPaged ? rows : rows.slice(offset, offset + pageSize);
  return { rows: shown, offset, pager: total > pageSize || current > 1 ? { ...cfg, current, pageSize, total } : null };
}
