/**
 * Server state of the registry (persons, households, buildings and dwellings, places, permits, stats, imports) and
 * its writes. Every write refreshes the registry's queries; each carries the intent's Idempotency-Key.
 */
import { useQuery, type QueryKey } from '@tanstack/react-query';
import type { BuildingCard, BuildingView, CodeTable, Expiring, HouseholdCard, ImportJob, LedgerRow, PeopleStats, PersonCard, PlaceRow, Revealed } from '../../../../core/schemas/people.response';
import type { z } from 'zod';
import { api } from '../../api';
import { useAction, type FormOptions, type Intent } from '../../data/use-action';

/** Every registry query starts with one of these, so a write refreshes them all. */
export const registryKeys: QueryKey[] = [['people'], ['/api/people'], ['/api/households']];

/** The items of a code table as code → name (empty until loaded). */
export function useCodes(table: string): Record<string, string> {
  const q = useQuery({ queryKey: ['codes', table], queryFn: () => api<z.infer<typeof CodeTable>>(`/api/code-tables/${table}`).then((t) => Object.fromEntries(t.items.map((i) => [i.code, i.name]))), staleTime: Infinity });
  return q.data ?? {};
}

/** The grids of one village (a village has a handful), by name, for the scope picker. */
export function useGridsOf(village: string | undefined) {
  return useQuery({ queryKey: ['grids', 'of', village], queryFn: () => api<{ items: { code: string; name: string }[] }>(`/api/grids?region=${village}&pageSize=200`).then((r) => r.items), enabled: !!village, staleTime: 300_000 });
}

/** One person's card. */
export function usePerson(id: string | undefined) {
  return useQuery({ queryKey: ['people', 'person', id], queryFn: () => api<PersonCard>(`/api/people/${id}`), enabled: !!id });
}

/** One household's card. */
export function useHousehold(id: string | undefined) {
  return useQuery({ queryKey: ['people', 'household', id], queryFn: () => api<HouseholdCard>(`/api/households/${id}`), enabled: !!id });
}

/** The buildings of a grid. */
export function useBuildings(grid: string | undefined) {
  return useQuery({ queryKey: ['people', 'buildings', grid], queryFn: () => api<BuildingView[]>(`/api/buildings?grid=${grid}`), enabled: !!grid });
}

/** One building's card with its dwellings. */
export function useBuilding(id: string | undefined) {
  return useQuery({ queryKey: ['people', 'building', id], queryFn: () => api<BuildingCard>(`/api/buildings/${id}`), enabled: !!id });
}

/** The rental ledger of a grid. */
export function useRentals(grid: string | undefined) {
  return useQuery({ queryKey: ['people', 'rentals', grid], queryFn: () => api<LedgerRow[]>(`/api/rentals?grid=${grid}`), enabled: !!grid });
}

/** `grid=` for a 15-digit grid code, `region=` for a township or village, nothing for the whole scope. */
export const scopeParam = (code: string | undefined) => (!code ? '' : code.length === 15 ? `grid=${code}` : `region=${code}`);

/** The places of a grid, a township or village, or the whole scope (the scope is part of the key: no stale answer). */
export function usePlaces(scope: string | undefined) {
  return useQuery({ queryKey: ['people', 'places', scope ?? ''], queryFn: () => api<PlaceRow[]>(`/api/places?${scopeParam(scope)}`) });
}

/** Permits and visas expiring within `days` (in a grid, a township or village, or the whole scope). */
export function useExpiring(days: number, scope: string | undefined) {
  return useQuery({ queryKey: ['people', 'expiring', days, scope ?? ''], queryFn: () => api<Expiring[]>(`/api/people/expiring?days=${days}${scope ? `&${scopeParam(scope)}` : ''}`) });
}

/** The key of the overview's counts for a scope: each scope its own entry, so a quick switch never shows another's answer. */
export const statsKey = (scope: string | undefined): QueryKey => ['people', 'stats', scope ?? ''];

/** Persons per group in a grid, a township or village, or the whole scope. */
export function usePeopleStats(scope: string | undefined) {
  return useQuery({ queryKey: statsKey(scope), queryFn: () => api<PeopleStats>(`/api/people/stats${scope ? `?region=${scope}` : ''}`) });
}

/** An import job, asked every half second while it runs. */
export function useImportJob(id: string | undefined) {
  return useQuery({ queryKey: ['people', 'import', id], queryFn: () => api<ImportJob>(`/api/people/import?job=${id}`), enabled: !!id, refetchInterval: (q) => (q.state.data?.state === 'running' || !q.state.data ? 500 : false) });
}

/** Starts an import of a CSV or XLSX file (multipart, so not through the JSON helper). */
export function useStartImport() {
  return useAction(async ({ file, mode }: { file: File; mode: string }, { key }) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api<ImportJob>(`/api/people/import?mode=${mode}`, { method: 'POST', form: body, key });
  }, { inline: true });
}

/** The registry's writes: each takes the body and the intent, and answers what the server answers. */
export const registryWrites = {
  createPerson: (body: object, i: Intent) => api('/api/people', { method: 'POST', body, key: i.key }),
  updatePerson: (id: string, body: object, i: Intent) => api(`/api/people/${id}`, { method: 'PATCH', body, key: i.key }),
  movePerson: (id: string, body: object, i: Intent) => api(`/api/people/${id}/move`, { method: 'POST', body, key: i.key }),
  addRecord: (id: string, body: object, i: Intent) => api(`/api/people/${id}/records`, { method: 'POST', body, key: i.key }),
  createHousehold: (body: object, i: Intent) => api('/api/households', { method: 'POST', body, key: i.key }),
  updateHousehold: (id: string, body: object, i: Intent) => api(`/api/households/${id}`, { method: 'PATCH', body, key: i.key }),
  addMember: (id: string, body: object, i: Intent) => api(`/api/households/${id}/members`, { method: 'POST', body, key: i.key }),
  findByIdNumber: (idNumber: string) => api<{ items: { id: string }[] }>(`/api/people?idNumber=${encodeURIComponent(idNumber)}`),
  addDwelling: (buildingId: string, body: object, i: Intent) => api(`/api/buildings/${buildingId}/dwellings`, { method: 'POST', body, key: i.key }),
  registerRental: (dwellingId: string, body: object, i: Intent) => api(`/api/dwellings/${dwellingId}/rental`, { method: 'POST', body, key: i.key }),
  addTenant: (dwellingId: string, body: object, i: Intent) => api(`/api/dwellings/${dwellingId}/tenants`, { method: 'POST', body, key: i.key }),
  endTenancy: (dwellingId: string, personId: string, body: object, i: Intent) => api(`/api/dwellings/${dwellingId}/tenants/${personId}/end`, { method: 'POST', body, key: i.key }),
  /** A new record (POST to the collection) or a correction of one (PATCH with the version read). */
  createOrCorrect: (collection: string, existing: { id: string; version: number } | undefined, body: object, extra: object, i: Intent) =>
    existing ? api(`${collection}/${existing.id}`, { method: 'PATCH', body: { ...body, version: existing.version }, key: i.key }) : api(collection, { method: 'POST', body: { ...body, ...extra }, key: i.key }),
};

/** A registry write from a form; the registry's queries are refreshed after it. */
export function useRegistryWrite<V, R>(send: (vars: V, intent: Intent) => Promise<R>, form?: FormOptions) {
  return useAction(send, { ...form, invalidates: () => registryKeys });
}

/** Removes a member from a household. */
export function useRemoveMember(householdId: string | undefined) {
  return useRegistryWrite((personId: string, { key }) => api<HouseholdCard>(`/api/households/${householdId}/members/${personId}/remove`, { method: 'POST', key }));
}

/** Reveals a person's full values (audited; counts against the reader's budget). */
export function useRevealPerson(id: string | undefined) {
  return useAction((body: { fields: string[]; reason: string }, { key }) => api<Revealed>(`/api/people/${id}/reveal`, { method: 'POST', body, key }));
}
