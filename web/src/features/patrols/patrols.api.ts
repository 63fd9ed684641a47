/** Server state of the patrol page: 一日一巡 compliance, the patrols of a range, and one patrol's track (only when asked). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PatrolCompliance, PatrolRow, PatrolTrack } from '../../../../core/schemas/patrols.response';
import { api } from '../../api';

export type { PatrolCompliance, PatrolRow, PatrolTrack };

/** The first instant of a China day (YYYY-MM-DD), ISO. */
export const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The day after a China day (YYYY-MM-DD). */
export const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Compliance of a region over China days `from`..`to` (both empty: the server's last seven days). */
export function useCompliance(region: string, from: string, to: string) {
  const q = new URLSearchParams({ region });
  if (from && to) {
    q.set('from', from);
    q.set('to', to);
  }
  return useQuery({ queryKey: ['patrol-compliance', region, from, to], queryFn: () => api<PatrolCompliance>(`/api/field/patrol-compliance?${q}`), placeholderData: keepPreviousData, enabled: !!region });
}

/** The patrols of a region started between China days `from` and `to` (inclusive), newest first, a page. */
export function usePatrols(region: string, from: string, to: string, page: number) {
  const q = new URLSearchParams({ region, page: String(page), pageSize: '20' });
  if (from && to) {
    q.set('from', chinaMidnight(from));
    q.set('to', chinaMidnight(nextDay(to)));
  }
  return useQuery({ queryKey: ['patrols', region, from, to, page], queryFn: () => api<{ total: number; items: PatrolRow[] }>(`/api/field/patrols?${q}`), placeholderData: keepPreviousData, enabled: !!region && !!from && !!to });
}

/**
 * One patrol's track. Reading it is audited on the server, so it is fetched only once the user asks (`asked`), never
 * on opening the patrol; a refusal (403 without field:track, 404 another's patrol) is shown in place, not as a toast.
 */
export function usePatrolTrack(id: string | null, asked: boolean) {
  return useQuery({ queryKey: ['patrol-track', id], queryFn: () => api<PatrolTrack>(`/api/field/patrols/${id}/track`), enabled: !!id && asked, retry: false, staleTime: Infinity, meta: { inlineError: true } });
}

/** The names of the patrol checklist's items (六必查), to say what a finding was about; keyed by item code, in `lang`. */
export function usePatrolItemNames(lang: string) {
  return new Map(usePatrolItems(lang).map((i) => [i.code, i.name]));
}

/** One patrol with its 六必查 answers (decrypted for readers in scope; not audited: they are about places, not persons). */
export function usePatrolChecklist(id: string | null) {
  return useQuery({ queryKey: ['patrol', id], queryFn: () => api<{ checklist: { templateCode: string; answers: Record<string, unknown> } | null }>(`/api/field/patrols/${id}`), enabled: !!id, retry: false, meta: { inlineError: true } });
}

/** The patrol checklist's items with their answer options, in `lang` (for the drawer's 六必查 row). */
export function usePatrolItems(lang: string) {
  const q = useQuery({ queryKey: ['field-templates'], queryFn: () => api<{ kind: string; items: { code: string; text: Record<string, string>; options?: { code: string; text: Record<string, string> }[] }[] }[]>('/api/field/templates'), staleTime: 600_000, meta: { inlineError: true } });
  const pick = (text: Record<string, string>) => text[lang] ?? text['zh-CN'] ?? '';
  return (q.data ?? []).filter((t) => t.kind === 'patrol').flatMap((t) => t.items).map((i) => ({ code: i.code, name: pick(i.text), options: new Map((i.options ?? []).map((o) => [o.code, pick(o.text)])) }));
}
