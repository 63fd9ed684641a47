/** Who is signed in, and the sign-in, sign-out, password and TOTP writes. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';
import { useAction } from '../../data/use-action';
import { reportError } from '../../data/errors';

export const meKey = ['me'] as const;

// A word for the next sign-in page (e.g. the password was changed and every session ended): the signed-in frame that
// would show a message is gone by then, so the sign-in page shows it inline.
let signInNotice: string | null = null;

/** Leaves a notice (a string key) for the next sign-in page. */
export function leaveSignInNotice(key: string): void {
  signInNotice = key;
}

/** Takes the notice left for the sign-in page, if any (once). */
export function takeSignInNotice(): string | null {
  const n = signInNotice;
  signInNotice = null;
  return n;
}

/** Forgets everything cached for the previous user and records who is signed in now (null: nobody). */
export function setSignedIn(qc: QueryClient, me: Me | null): void {
  // The 'me' query stays (its observers would otherwise wait on a removed query); everything else goes.
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  qc.getMutationCache().clear();
  qc.setQueryData(meKey, me);
}

/** The signed-in user, or null when nobody is (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api<Me>('/api/auth/me').catch((e) => (e instanceof ApiError && e.status === 401 ? null : Promise.reject(e))),
    staleTime: Infinity,
    retry: false,
  });
}

/** Signs in; a TOTP_REQUIRED answer is the caller's to show (it asks for the code). */
export function useLogin(onSignedIn: (me: Me) => void) {
  const qc = useQueryClient();
  return useAction((body: { username: string; password: string; totp?: string }, { key }) => api<Me>('/api/auth/login', { method: 'POST', body, key }), {
    inline: true,
    onSuccess: (me) => {
      setSignedIn(qc, me);
      onSignedIn(me);
    },
  });
}

/** Signs out here whatever the server answers (a failure is still shown). */
export function useLogout() {
  const qc = useQueryClient();
  return () => api('/api/auth/logout', { method: 'POST' }).catch(reportError).finally(() => setSignedIn(qc, null));
}

/** Changes one's own password; every session ends on success. */
export function useChangePassword() {
  return useAction((body: { currentPassword: string; newPassword: string }, { key }) => api('/api/auth/password', { method: 'POST', body, key }), { inline: true });
}

/** Starts TOTP enrolment: the secret and its otpauth URL. */
export function useTotpSetup() {
  return useQuery({ queryKey: ['totp-setup'], queryFn: () => api<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup', { method: 'POST' }), staleTime: Infinity, retry: false, meta: { inlineError: true } });
}

/** Confirms TOTP enrolment with a first code; the answer is the session's new state. */
export function useTotpEnroll() {
  const qc = useQueryClient();
  return useAction((body: { code: string }, { key }) => api<Me>('/api/auth/totp/enroll', { method: 'POST', body, key }), { inline: true, onSuccess: (me) => qc.setQueryData(meKey, me) });
}
