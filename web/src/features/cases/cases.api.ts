/** Server state of cases: lists and inboxes, one case, its duplicates, handlers, and every write (with an Idempotency-Key). */
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { BatchDispatchResult, CaseDetail, CaseDuplicate, CaseHandler, CaseReporter } from '../../../../core/schemas/cases.response';
import type { z } from 'zod';
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

export const caseKeys = {
  all: ['cases'] as const,
  /** Lists are paged through usePagedList, keyed by their path. */
  lists: ['/api/cases'] as const,
  one: (code: string) => ['cases', 'one', code] as const,
  duplicates: (code: string) => ['cases', 'duplicates', code] as const,
};

/** One case with its timeline, clocks and allowed actions. */
export function useCase(code: string | undefined) {
  return useQuery({ queryKey: caseKeys.one(code ?? ''), queryFn: () => api<CaseDetail>(`/api/cases/${code}`), enabled: !!code, meta: { inlineError: true } });
}

/** Possible duplicates of a case (only asked when the case may be merged). */
export function useCaseDuplicates(code: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: caseKeys.duplicates(code ?? ''), queryFn: () => api<CaseDuplicate[]>(`/api/cases/${code}/duplicates`), enabled: !!code && enabled });
}

/** People a case can be dispatched to. */
export function useHandlers(enabled: boolean) {
  return useQuery({ queryKey: ['handlers'], queryFn: () => api<CaseHandler[]>('/api/handlers'), enabled, staleTime: 60_000 });
}

/**
 * A workflow action on a case; the case and every list are refreshed after it. Its failure shows in the dialog
 * (`error`), with field problems on the form, so the dialog stays open and usable.
 */
export function useCaseAction(code: string | undefined, form?: FormInstance) {
  return useAction(({ action, body }: { action: string; body: Record<string, unknown> }, { key }) => api(`/api/cases/${code}/actions/${action}`, { method: 'POST', body, key }), {
    invalidates: () => [caseKeys.all, caseKeys.lists, ['notifications']],
    inline: true,
    form,
  });
}

/** Takes in a report; the answer carries the new case's code. */
export function useCreateCase(form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<{ code: string }>('/api/cases', { method: 'POST', body, key }), { ...form, invalidates: () => [caseKeys.all, caseKeys.lists] });
}

/** Dispatches several accepted cases to one department. */
export function useBatchDispatch() {
  return useAction((body: { codes: string[]; departmentId?: string }, { key }) => api<BatchDispatchResult>('/api/cases/batch-dispatch', { method: 'POST', body, key }), { invalidates: () => [caseKeys.all, caseKeys.lists] });
}

/**
 * Reveals the reporter's name and phone with the reason the user typed (audited on the server); `for` is the case
 * the answer belongs to. A refusal shows in the dialog (`error`).
 */
export function useRevealReporter(code: string | undefined, form?: FormInstance) {
  const a = useAction(({ reason }: { code: string; reason: string }, { key }) => api<z.infer<typeof CaseReporter>>(`/api/cases/${code}/reporter`, { method: 'POST', body: { reason }, key }), { inline: true, form });
  return { ...a, for: a.vars?.code, run: (reason: string) => a.run({ code: code!, reason }) };
}

/** Sends the case to the petition register (转信访); the answer names the new petition. Refreshes the case and the petitions. */
export function useCaseToPetition(code: string | undefined, form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<{ code: string; caseCode: string }>(`/api/cases/${code}/petition`, { method: 'POST', body, key }), { ...form, inline: true, invalidates: () => [caseKeys.all, ['petitions'], ['/api/petitions']] });
}
