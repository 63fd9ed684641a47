/** Server state of regions and the client configuration (map tiles); region search and point lookup for the pickers. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RegionMatch, RegionNode } from '../../../../core/schemas/regions.response';
import type { LocateResult } from '../../../../core/schemas/grids.schema';
import { api, ApiError } from '../../api';
export { useClientConfig } from '../../data/client-config';

/** One region with its path of codes from the top of the tree (to open the picker's tree down to it). */
export type RegionWithPath = RegionNode & { path: string };

/** The root of my scope. */
export function useRootRegion(enabled = true) {
  return useQuery({ queryKey: ['regions', 'root'], queryFn: () => api<RegionNode>('/api/regions/root'), enabled, staleTime: 300_000 });
}

/** The children of a region; `quiet` when a region outside the scope simply means "no choices" (no message). */
export function useRegionChildren(code: string | undefined, enabled = true, quiet = false) {
  return useQuery({ queryKey: ['regions', 'children', code], queryFn: () => api<RegionNode[]>(`/api/regions/${code}/children`), enabled: !!code && enabled, staleTime: 300_000, meta: { inlineError: quiet } });
}

/** Fetches the children of a region through the cache (for a tree that loads as it opens). */
export function useRegionLoader() {
  const qc = useQueryClient();
  return (code: string) => qc.fetchQuery({ queryKey: ['regions', 'children', code], queryFn: () => api<RegionNode[]>(`/api/regions/${code}/children`), staleTime: 300_000 });
}



/** Regions of my scope whose name holds `words` (empty words: no request). */
export function useRegionSearch(words: string, level?: string) {
  const q = words.trim();
  return useQuery({
    queryKey: ['regions', 'search', q, level],
    queryFn: () => api<RegionMatch[]>(`/api/regions/search?q=${encodeURIComponent(q)}${level ? `&level=${level}` : ''}`),
    enabled: q.length > 0,
    staleTime: 300_000,
    meta: { inlineError: true },
  });
}

/** Fetches one region with its path through the cache (the picker opens its tree down to a chosen code). */
export function useRegionFetcher() {
  const qc = useQueryClient();
  return (code: string) => qc.fetchQuery({ queryKey: ['regions', 'one', code], queryFn: () => api<RegionWithPath>(`/api/regions/${code}`), staleTime: 300_000 });
}

/** Which grid and village a point lies in; null when it is in no grid of my scope. */
export async function locatePoint(lat: number, lng: number): Promise<z.infer<typeof LocateResult> | null> {
  try {
    return await api<z.infer<typeof LocateResult>>(`/api/locate?lat=${lat}&lng=${lng}`);
  } catch (e) {
    if (e instanceof ApiError && e.body.code === 'LOCATION_OUTSIDE_GRIDS') return null;
    throw e;
  }
}
