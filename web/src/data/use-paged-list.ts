/**
 * The one hook for paged lists (cases, people, households, audit, users, grids): the page lives in the query
 * string, the rows come from the server through the query cache, and Ant Design's Table gets its props.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TablePaginationConfig } from 'antd';
import { api } from '../api';
import { changeSearch } from './url-state';

/** A page as the server answers it; a list without a total (the audit log) is paged by "is there a next one". */
export interface Paged<T> { items: T[]; total?: number }

interface Options {
  /** The API path of the list. */
  path: string;
  /** Filters sent with the page; an empty or undefined value is left out. */
  params?: Record<string, string | undefined>;
  pageSize?: number;
  /** Name of the page parameter in the address (two paged tables on one page need two). */
  pageParam?: string;
  enabled?: boolean;
}

/** The query string of a list request. */
export function listQuery(params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
  return qs.toString();
}

/** Rows of the current page, and the Table's dataSource, loading and pagination props. */
export function usePagedList<T>({ path, params = {}, pageSize = 20, pageParam = 'page', enabled = true }: Options) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get(pageParam)) || 1);
  const qs = listQuery({ ...params, page: String(page), pageSize: String(pageSize) });
  const q = useQuery({ queryKey: [path, qs], queryFn: () => api<Paged<T>>(`${path}?${qs}`), placeholderData: keepPreviousData, enabled });
  const setPage = (p: number) =>
    changeSearch(setSearch, (next) => {
      if (p === 1) next.delete(pageParam);
      else next.set(pageParam, String(p));
    });
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? (items.length < pageSize ? (page - 1) * pageSize + items.length : page * pageSize + 1);
  const pagination: TablePaginationConfig = { current: page, pageSize, total, onChange: setPage, showSizeChanger: false, showTotal: q.data?.total === undefined ? undefined : (n) => t('common.total', { n }) };
  return { items, total, page, setPage, query: q, tableProps: { dataSource: items, loading: q.isFetching && !q.data, pagination } };
}
