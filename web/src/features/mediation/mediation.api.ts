/** Server state of disputes and mediation: the workbench boxes, one dispute's card, the organisation (committees, rooms, mediators) and every write (with an Idempotency-Key). */
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { DisputeCard, DisputeParty, MediatorItem } from '../../../../core/schemas/disputes.response';
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

export const disputeKeys = {
  all: ['disputes'] as const,
  /** Lists are paged through usePagedList, keyed by their path; the boxes share the prefix so a write refreshes both. */
  lists: ['/api/disputes'] as const,
  one: (code: string) => ['disputes', 'one', code] as const,
  org: ['mediation-org'] as const,
};

/** A committee (人民调解委员会) as GET /api/mediation/committees answers it. */
export interface Committee { id: string; level: string; regionCode: string; name: string; industry: string | null; active: boolean; version: number }
/** A room (调解室) as GET /api/mediation/rooms answers it. */
export interface Room { id: string; committeeId: string; committeeName: string | null; name: string; mode: string; namedAfter: string | null; address: string | null; active: boolean }

/** How many each workbench box holds (GET /api/disputes/boxes). */
export function useDisputeBoxes() {
  return useQuery({ queryKey: ['/api/disputes', 'boxes'], queryFn: () => api<Record<string, number>>('/api/disputes/boxes'), refetchInterval: 60_000 });
}

/** One dispute's card: parties (masked), sessions, outcome, clocks, timeline, allowed actions. */
export function useDispute(code: string | undefined) {
  return useQuery({ queryKey: disputeKeys.one(code ?? ''), queryFn: () => api<DisputeCard>(`/api/disputes/${code}`), enabled: !!code, meta: { inlineError: true } });
}

/** The committees in the scope and above it. */
export function useCommittees(enabled = true) {
  return useQuery({ queryKey: [...disputeKeys.org, 'committees'], queryFn: async () => (await api<{ items: Committee[] }>('/api/mediation/committees')).items, enabled, staleTime: 60_000 });
}

/** The rooms of the committees in view. */
export function useRooms(enabled = true) {
  return useQuery({ queryKey: [...disputeKeys.org, 'rooms'], queryFn: async () => (await api<{ items: Room[] }>('/api/mediation/rooms')).items, enabled, staleTime: 60_000 });
}

/** The mediator pool with each one's current load (open disputes), optionally of one committee. */
export function useMediators(committeeId?: string, enabled = true) {
  const qs = committeeId ? `?committeeId=${committeeId}` : '';
  return useQuery({ queryKey: [...disputeKeys.org, 'mediators', committeeId ?? ''], queryFn: async () => (await api<{ items: MediatorItem[] }>(`/api/mediators${qs}`)).items, enabled, staleTime: 30_000 });
}

/** Registers a dispute (screening or walk-in); the answer carries its code. */
export function useRegisterDispute(form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<{ code: string; status: string; committee: string; urgent: boolean }>('/api/disputes', { method: 'POST', body, key }), { ...form, invalidates: () => [disputeKeys.all, disputeKeys.lists] });
}

/** A workflow action on a dispute; its failure shows in the dialog (`error`), field problems on the form. */
export function useDisputeAction(code: string | undefined, form?: FormInstance) {
  return useAction(({ action, body }: { action: string; body: Record<string, unknown> }, { key }) => api<{ code: string; status: string }>(`/api/disputes/${code}/actions/${action}`, { method: 'POST', body, key }), {
    invalidates: () => [disputeKeys.all, disputeKeys.lists, disputeKeys.org, ['notifications']],
    inline: true,
    form,
  });
}

/** Reveals the parties in full with a typed reason (audited on the server). */
export function useRevealParties(code: string | undefined, form?: FormInstance) {
  const a = useAction(({ reason }: { code: string; reason: string }, { key }) => api<DisputeParty[]>(`/api/disputes/${code}/parties/reveal`, { method: 'POST', body: { reason }, key }), { inline: true, form });
  return { ...a, for: a.vars?.code, run: (reason: string) => a.run({ code: code!, reason }) };
}

/** Creates or changes a committee, a room or a mediator (PATCH with an id, POST without). */
export function useSaveOrg(kind: 'committees' | 'rooms' | 'mediators', form?: FormOptions) {
  const base = kind === 'mediators' ? '/api/mediators' : `/api/mediation/${kind}`;
  return useAction(({ id, body }: { id?: string; body: Record<string, unknown> }, { key }) => api<unknown>(id ? `${base}/${id}` : base, { method: id ? 'PATCH' : 'POST', body, key }), { ...form, invalidates: () => [disputeKeys.org] });
}

/** 转人民调解: a case or a petition becomes a dispute; its card, the lists and the register are refreshed. */
export function useRecordToDispute(kind: 'cases' | 'petitions', code: string, form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<{ code: string; committee: string }>(`/api/${kind}/${code}/dispute`, { method: 'POST', body, key }), {
    ...form, inline: true, invalidates: () => [[kind], [`/api/${kind}`], disputeKeys.all, disputeKeys.lists],
  });
}
