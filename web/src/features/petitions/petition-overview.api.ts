/** Server state of the leaders' petition overview (信访态势): the petition KPIs of a region, and its overdue petitions now. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PetitionListPage } from '../../../../core/schemas/petitions.response';
import { api } from '../../api';

/** A count, or null when it is under `suppressedBelow` and hidden so that no one can be identified. */
type Count = number | null;
/** A share 0..1, or null when there is nothing to divide or its figures are suppressed. */
type Rate = number | null;

/** What GET /api/kpis/petitions answers (the lead's contract of session 9). */
export interface PetitionKpis {
  region: string;
  from: string;
  to: string;
  suppressedBelow: number;
  totals: Record<'registered' | 'collective' | 'skippedLevel' | 'repeated' | 'notified' | 'notifiedInTime' | 'concluded' | 'concludedInTime' | 'served' | 'rated' | 'satisfied' | 'basicallySatisfied' | 'notAccepted', Count>;
  channels: Record<'visit' | 'letter' | 'online' | 'phone' | 'video', Count>;
  rates: Record<'notifiedInTime' | 'concludedInTime' | 'satisfaction' | 'repeat' | 'skippedLevel', Rate>;
  trend: { day: string; registered: Count }[];
  /** `own`: petitions not located to a village, counted at the region's own office (本级). */
  children: { code: string; name: string; own: boolean; registered: Count; collective: Count; skippedLevel: Count; repeated: Count; concludedInTimeRate: Rate; satisfactionRate: Rate }[];
  bodies: { key: string; name: string; notified: Count; notifiedInTime: Count; concluded: Count; concludedInTime: Count; rated: Count; notifiedInTimeRate: Rate; concludedInTimeRate: Rate; satisfactionRate: Rate }[];
}

/** The petition KPIs of a region and its subtree between two days (YYYY-MM-DD, China days, both included). */
export function usePetitionKpis(region: string, from: string, to: string) {
  // The server counts China days: instants inside the first and the last day, whatever the browser's zone.
  const qs = new URLSearchParams({ region, from: new Date(`${from}T00:00:00+08:00`).toISOString(), to: new Date(`${to}T23:59:59.999+08:00`).toISOString() });
  return useQuery({ queryKey: ['kpis', 'petitions', region, from, to], queryFn: () => api<PetitionKpis>(`/api/kpis/petitions?${qs}`), placeholderData: keepPreviousData });
}

/** How many petitions of a region are overdue now: the total of the workbench's 超期 box (no period applies). */
export function usePetitionOverdue(region: string | undefined) {
  const qs = new URLSearchParams({ box: 'overdue', pageSize: '1', ...(region ? { region } : {}) });
  return useQuery({ queryKey: ['/api/petitions', 'overdueCount', region], queryFn: async () => (await api<PetitionListPage>(`/api/petitions?${qs}`)).total, placeholderData: keepPreviousData });
}
