/**
 * Ant Design's Table on a wide screen, a list of cards on a phone (below 768 px): each card shows every column's
 * title and rendered value, so a 9-column table is readable at 390 px without scrolling sideways. It takes the
 * Table's props (columns, dataSource, rowKey, pagination, onRow, rowSelection, loading), so a page adopts it by
 * changing `<Table` to `<ResponsiveTable` and its import.
 */
import { useState, type Key, type ReactNode } from 'react';
import { Checkbox, Empty, Grid, Pagination, Spin, Table, type TableColumnType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { cardFields, pageOfRows, rowKeyOf } from './table-cards';

export function ResponsiveTable<T extends object>(props: TableProps<T>) {
  const screens = Grid.useBreakpoint();
  // Before the first measurement screens is empty: a wide table is the safe guess.
  if (screens.md !== false) return <Table<T> {...props} />;
  return <CardList<T> {...props} />;
}

/** The phone rendering: one card per row, the pager below. */
export function CardList<T extends object>(props: TableProps<T>) {
  const { columns = [], dataSource = [], rowKey, pagination, onRow, rowSelection, loading, onChange } = props;
  // A page's test id names the list in either form (tests find a table's rows or its cards under the same id).
  const testId = (props as { 'data-testid'?: string })['data-testid'] ?? 'card-list';
  const { t } = useTranslation();
  // The Table's own paging when the page does not control it.
  const [ownPage, setOwnPage] = useState(1);
  const controlled = typeof pagination === 'object' && pagination.current !== undefined;
  const page = pageOfRows(dataSource, pagination === false ? false : { ...(pagination ?? {}), current: controlled ? pagination.current : ownPage });
  const selected = new Set<Key>(rowSelection?.selectedRowKeys ?? []);
  const toggle = (key: Key, on: boolean) => {
    const keys = on ? [...selected, key] : [...selected].filter((k) => k !== key);
    const rows = dataSource.filter((r, i) => keys.includes(rowKeyOf(r, i, rowKey)));
    rowSelection?.onChange?.(keys, rows, { type: on ? 'multiple' : 'single' });
  };
  const busy = typeof loading === 'object' ? !!loading.spinning : !!loading;
  return (
    <Spin spinning={busy}>
      <div className="card-list" data-testid={testId}>
        {page.rows.length === 0 && <Empty description={t('table.empty')} />}
        {page.rows.map((row, i) => {
          const index = page.offset + i;
          const key = rowKeyOf(row, index, rowKey);
          const handlers = onRow?.(row, index) ?? {};
          const box = rowSelection?.getCheckboxProps?.(row) ?? {};
          const fields = cardFields(columns as TableColumnType<T>[], row, index);
          return (
            <div key={String(key)} className="card-list-item" data-row-key={String(key)} onClick={handlers.onClick as never} style={handlers.style} role={handlers.onClick ? 'button' : undefined}>
              {rowSelection && (
                <Checkbox
                  className="card-list-check"
                  checked={selected.has(key)}
                  disabled={box.disabled}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => toggle(key, e.target.checked)}
                />
              )}
              <dl>
                {fields.map((f, n) => (
                  <div key={f.key} className={n === 0 ? 'card-list-first' : undefined}>
                    {f.title !== null && <dt>{f.title as ReactNode}</dt>}
                    <dd>{f.value as ReactNode}</dd>
                  </div>
                ))}
              </dl>
            </div>
          );
        })}
      </div>
      {page.pager && (
        <Pagination
          simple
          style={{ marginTop: 12, textAlign: 'center' }}
          current={page.pager.current}
          pageSize={page.pager.pageSize}
          total={page.pager.total}
          onChange={(current, pageSize) => {
            if (!controlled) setOwnPage(current);
            page.pager!.onChange?.(current, pageSize);
            onChange?.({ ...(typeof pagination === 'object' ? pagination : {}), current, pageSize }, {}, [], { action: 'paginate', currentDataSource: [...dataSource] });
          }}
        />
      )}
    </Spin>
  );
}
