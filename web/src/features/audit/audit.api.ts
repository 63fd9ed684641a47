/** Server state of the audit log: the chain check (the pages come through usePagedList). */
import type { AuditVerify } from '../../../../core/schemas/users.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

/** Checks the hash chain and its anchors; the log is read again afterwards (the check is itself logged). */
export function useVerifyAudit() {
  return useAction((_: void, { key }) => api<AuditVerify>('/api/audit/verify', { method: 'POST', key }), { invalidates: () => [['/api/audit']] });
}
