/** The one TanStack Query client: server state is cached per query key, and every failure is shown to the user. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api';
import { reportError } from './errors';

/** Creates the client; a failed query or action reports itself unless the caller says it shows the error inline. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (e, query) => {
        if (query.meta?.inlineError) return;
        // A signed-out session is handled by the shell (back to sign-in), not by a toast per query.
        if (e instanceof ApiError && (e.body.code === 'AUTH_REQUIRED' || e.body.code === 'SESSION_EXPIRED')) return;
        reportError(e);
      },
    }),
    mutationCache: new MutationCache({
      onError: (e, _v, _c, mutation) => {
        if (!mutation.meta?.inlineError) reportError(e);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx will not get better by asking again; a dropped connection might.
        retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { inlineError?: boolean };
    mutationMeta: { inlineError?: boolean };
  }
}
