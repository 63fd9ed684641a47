/** The server's client configuration (map tiles, demo flag…), in its own small module: the sign-in page needs it and nothing else of the regions' hooks. */
import { useQuery } from '@tanstack/react-query';
import type { ClientConfig } from '../../../core/schemas/regions.response';
import { api } from '../api';

/** GET /api/config, once per page load. */
export function useClientConfig() {
  return useQuery({ queryKey: ['config'], queryFn: () => api<ClientConfig>('/api/config'), staleTime: Infinity });
}
