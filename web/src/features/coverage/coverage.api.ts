/** Server state of the coverage page (无人脱管、无人漏管): GET /api/field/coverage and its .xlsx. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Coverage } from '../../../../core/schemas/field-tasks.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

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

/** An account that may be a person's responsible worker (the page shows its name, role and place, never its id). */
export interface CareWorker {
  id: string;
  name: string;
  /** Absent in the PUT's answer, which names the worker only. */
  role?: string;
  place?: string;
}

/** The accounts that may be responsible for this person; fetched only when the picker opens. */
export function useCareWorkers(personId: string, enabled: boolean) {
  return useQuery({ queryKey: ['care-workers', personId], queryFn: () => api<CareWorker[]>(`/api/field/care-assignments/${personId}/workers`), enabled });
}

/** Names a person's responsible worker; the coverage report is read again afterwards. */
export function useAssignCare() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { personId: string; workerId: string }) => api<{ worker: CareWorker }>(`/api/field/care-assignments/${v.personId}`, { method: 'PUT', body: { workerId: v.workerId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coverage'] }),
  });
}

/** What raising a trigger answers: the open task of its rule and whether this request made it. */
export interface TriggerAnswer { task: { dueOn: string }; created: boolean }

/** Raises a household's major-change visit (四访); the coverage report is read again afterwards. */
export function useMajorChangeVisit(householdId: string, onSuccess: (r: TriggerAnswer) => void) {
  return useAction((v: { note: string }, { key }) => api<TriggerAnswer>('/api/field/triggers', { method: 'POST', body: { subjectType: 'household', subjectId: householdId, rule: 'major_change', ...(v.note.trim() ? { note: v.note.trim() } : {}) }, key }), {
    invalidates: () => [['coverage']],
    onSuccess,
  });
}
