/** Server state of the audit log: the chain check and the user picker (the pages come through usePagedList). */
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import type { AuditVerify } from '../../../../core/schemas/users.response';
import type { AuditActorOption } from '../../../../core/schemas/audit.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

/** Checks the hash chain and its anchors; the log is read again afterwards (the check is itself logged). */
export function useVerifyAudit() {
  return useAction((_: void, { key }) => api<AuditVerify>('/api/audit/verify', { method: 'POST', key }), { invalidates: () => [['/api/audit']] });
}

/** Accounts whose username or name holds `q` (the audit page's user picker). */
export function useAuditActors(q: string) {
  return useQuery({
    queryKey: ['/api/audit/actors', q],
    queryFn: () => api<{ items: AuditActorOption[] }>(`/api/audit/actors?q=${encodeURIComponent(q)}`).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
