/** Server state of the dashboard: the KPIs of a region over a period. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Kpis } from '../../../../core/schemas/dashboard.response';
import { api } from '../../api';

/** KPIs for a region and its subtree between two instants. */
export function useKpis(region: string, from: string, to: string) {
  const qs = new URLSearchParams({ region, from, to });
  return useQuery({ queryKey: ['kpis', region, from, to], queryFn: () => api<Kpis>(`/api/kpis?${qs}`), placeholderData: keepPreviousData });
}
