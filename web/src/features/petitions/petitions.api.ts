/** Server state of petitions (信访): the workbench boxes, one petition's card, repeat suggestions, and every write (with an Idempotency-Key). */
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { PetitionActionResult, PetitionCard, PetitionCaseMade, PetitionPetitioner, PetitionRegistered, PetitionRepeat } from '../../../../core/schemas/petitions.response';
import { api } from '../../api';
import { listQuery } from '../../data/use-paged-list';
import { useAction, type FormOptions } from '../../data/use-action';

export const petitionKeys = {
  all: ['petitions'] as const,
  /** Lists are paged through usePagedList, keyed by their path; the boxes share the prefix so a write refreshes both. */
  lists: ['/api/petitions'] as const,
  one: (code: string) => ['petitions', 'one', code] as const,
};

/** The workbench boxes this user may list, with their counts (GET /api/petitions/boxes). */
export function usePetitionBoxes() {
  return useQuery({ queryKey: ['/api/petitions', 'boxes'], queryFn: () => api<{ box: string; count: number }[]>('/api/petitions/boxes'), refetchInterval: 60_000 });
}

/** One petition's card: clocks, timeline, documents with their service records, allowed actions. */
export function usePetition(code: string | undefined) {
  return useQuery({ queryKey: petitionKeys.one(code ?? ''), queryFn: () => api<PetitionCard>(`/api/petitions/${code}`), enabled: !!code, meta: { inlineError: true } });
}

/** Earlier petitions of the same person or matter, asked while the registration form is filled in. */
export function useRepeats(q: { idNumber?: string; phone?: string; matter?: string; villageCode?: string }) {
  const qs = listQuery(q);
  return useQuery({ queryKey: ['petitions', 'repeats', qs], queryFn: () => api<PetitionRepeat[]>(`/api/petitions/repeats?${qs}`), enabled: qs.length > 0, staleTime: 30_000, meta: { inlineError: true } });
}

/** Registers a petition; the answer carries its code and any repeats the server found. */
export function useRegisterPetition(form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<PetitionRegistered>('/api/petitions', { method: 'POST', body, key }), { ...form, invalidates: () => [petitionKeys.all, petitionKeys.lists] });
}

/** A workflow action on a petition; its failure shows in the dialog (`error`), field problems on the form. */
export function usePetitionAction(code: string | undefined, form?: FormInstance) {
  return useAction(({ action, body }: { action: string; body: Record<string, unknown> }, { key }) => api<PetitionActionResult>(`/api/petitions/${code}/actions/${action}`, { method: 'POST', body, key }), {
    invalidates: () => [petitionKeys.all, petitionKeys.lists, ['notifications']],
    inline: true,
    form,
  });
}

/** Makes a case of the petition (转为案件); refreshes the petition and the case lists. */
export function usePetitionToCase(code: string | undefined, form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<PetitionCaseMade>(`/api/petitions/${code}/cases`, { method: 'POST', body, key }), { ...form, inline: true, invalidates: () => [petitionKeys.all, ['cases'], ['/api/cases']] });
}

/** Reveals the petitioners' full names, ID numbers and phones with a typed reason (audited on the server). */
export function useRevealPetitioners(code: string | undefined, form?: FormInstance) {
  const a = useAction(({ reason }: { code: string; reason: string }, { key }) => api<PetitionPetitioner[]>(`/api/petitions/${code}/petitioners/reveal`, { method: 'POST', body: { reason }, key }), { inline: true, form });
  return { ...a, for: a.vars?.code, run: (reason: string) => a.run({ code: code!, reason }) };
}
