/** Server state of integration tokens: the list, issue (the secret is shown once), revoke. */
import { useQuery } from '@tanstack/react-query';
import type { TokenRow } from '../../../../core/schemas/users.response';
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

const key = ['tokens'];

/** Every token I manage. */
export function useTokens() {
  return useQuery({ queryKey: key, queryFn: () => api<TokenRow[]>('/api/tokens') });
}

/** Issues a token; the answer holds its secret. */
export function useIssueToken(form?: FormOptions) {
  return useAction((body: { name: string; scopeCode: string; expiresInDays?: number }, intent) => api<{ token: string }>('/api/tokens', { method: 'POST', body, key: intent.key }), { ...form, invalidates: () => [key] });
}

/** Revokes a token. */
export function useRevokeToken() {
  return useAction((id: string, intent) => api(`/api/tokens/${id}`, { method: 'DELETE', key: intent.key }), { invalidates: () => [key] });
}
