/**
 * Server state of the leaders' mediation overview (调解态势): the mediation KPIs of a region over a period, the
 * 调解能手 ranking, the 以案定补 subsidies and their rates (which a mediation admin sets).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Experts, MediationKpis, SubsidyRates as SubsidyRatesSchema, Subsidies as SubsidiesSchema } from '../../../../core/schemas/mediation-stats.response';
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

export type { MediationKpis };
/** GET /api/mediation/experts: the 调解能手 ranking. */
export type MediationExperts = z.infer<typeof Experts>;
/** GET /api/mediation/subsidies: each mediator's 以案定补 subsidy over a period. */
export type Subsidies = z.infer<typeof SubsidiesSchema>;
/** GET /api/mediation/subsidy-rates: the county's rates per category and outcome, in fen. */
export type SubsidyRates = z.infer<typeof SubsidyRatesSchema>;

/**
 * A region and a period of China days (YYYY-MM-DD, both included) as the server takes them: the instants of the whole
 * first and last day, whatever the browser's zone.
 */
export function periodQuery(region: string, from: string, to: string): URLSearchParams {
  return new URLSearchParams({ region, from: new Date(`${from}T00:00:00+08:00`).toISOString(), to: new Date(`${to}T23:59:59.999+08:00`).toISOString() });
}

const keys = { all: ['mediation-stats'] as const, rates: ['mediation-stats', 'rates'] as const };

/** The mediation KPIs of a region and its subtree over a period. */
export function useMediationKpis(region: string, from: string, to: string, enabled = true) {
  const qs = periodQuery(region, from, to);
  return useQuery({ queryKey: ['kpis', 'mediation', region, from, to], queryFn: () => api<MediationKpis>(`/api/kpis/mediation?${qs}`), placeholderData: keepPreviousData, enabled });
}

/** The 调解能手 ranking of a region over a period; `minMediated` is the fewest mediations to be ranked (the server's default when absent). */
export function useExperts(region: string, from: string, to: string, minMediated?: number) {
  const qs = periodQuery(region, from, to);
  if (minMediated) qs.set('minMediated', String(minMediated));
  return useQuery({ queryKey: [...keys.all, 'experts', region, from, to, minMediated ?? 0], queryFn: () => api<MediationExperts>(`/api/mediation/experts?${qs}`), placeholderData: keepPreviousData });
}

/** The 以案定补 subsidies of each mediator for the disputes of a region over a period (at its county's rates). */
export function useSubsidies(region: string, from: string, to: string) {
  return useQuery({ queryKey: [...keys.all, 'subsidies', region, from, to], queryFn: () => api<Subsidies>(`/api/mediation/subsidies?${periodQuery(region, from, to)}`), placeholderData: keepPreviousData });
}

/** The address of the subsidies' payment sheet (.xlsx) of a region over a period; the browser downloads it. */
export const subsidiesXlsx = (region: string, from: string, to: string) => `/api/mediation/subsidies.xlsx?${periodQuery(region, from, to)}`;

/** The rates per category and outcome of the user's county. */
export function useSubsidyRates() {
  return useQuery({ queryKey: keys.rates, queryFn: () => api<SubsidyRates>('/api/mediation/subsidy-rates') });
}

/** Replaces the rates; the server's field problems land on the form, and the subsidies are asked again. */
export function useSaveSubsidyRates(form?: FormOptions) {
  return useAction((body: Record<string, unknown>, { key }) => api<SubsidyRates>('/api/mediation/subsidy-rates', { method: 'PUT', body, key }), { ...form, inline: true, invalidates: () => [keys.all] });
}
