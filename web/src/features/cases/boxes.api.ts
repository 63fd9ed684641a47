/** The inboxes this user may list, with their counts, as the server decides them (GET /api/cases/boxes). */
import { useQuery } from '@tanstack/react-query';
import type { CaseBoxCounts } from '../../../../core/schemas/cases.response';
import { api } from '../../api';

/** The user's boxes in tab order with counts; refreshed with the case lists (same key prefix). */
export function useCaseBoxes(enabled = true) {
  return useQuery({ queryKey: ['/api/cases', 'boxes'], queryFn: () => api<CaseBoxCounts>('/api/cases/boxes'), enabled, refetchInterval: 60_000 });
}
