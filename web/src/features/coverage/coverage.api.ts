/** Server state of the coverage page (无人脱管、无人漏管): GET /api/field/coverage and its .xlsx. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Coverage } from '../../../../core/schemas/field-tasks.response';
import { api } from '../../api';

export type { Coverage };

/** The query string of a region, a reason filter and a page. */
export function coverageQuery(f: { region: string; reason: string; page?: number }): URLSearchParams {
  const q = new URLSearchParams({ region: f.region });
  if (f.reason) q.set('reason', f.reason);
  if (f.page) q.set('page', String(f.page));
  return q;
}

/** The coverage report of a region of my scope. */
export function useCoverage(region: string, reason: string, page: number) {
  return useQuery({ queryKey: ['coverage', region, reason, page], queryFn: () => api<Coverage>(`/api/field/coverage?${coverageQuery({ region, reason, page })}`), placeholderData: keepPreviousData, enabled: !!region });
}

/** The address of the list as .xlsx (masked, watermarked, audited); the browser downloads it. */
export const coverageXlsx = (region: string, reason: string) => `/api/field/coverage.xlsx?${coverageQuery({ region, reason })}`;
