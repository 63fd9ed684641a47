/** Server state of regions and the client configuration (map tiles). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientConfig, RegionNode } from '../../../../core/schemas/regions.response';
import { api } from '../../api';

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

/** Map tiles and their attribution (empty when none are configured). */
export function useClientConfig() {
  return useQuery({ queryKey: ['config'], queryFn: () => api<ClientConfig>('/api/config'), staleTime: Infinity });
}
