/**
 * Real URLs (React Router): every page has a path, a case has /cases/<code>, list filters live in the query
 * string, and an address asked for while signed out is where sign-in returns to (/login?next=…).
 */
import { Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation, useSearchParams, type RouteObject } from 'react-router';
import { Spin } from 'antd';
import { Shell } from './Shell';
import { SignInRoute } from './features/auth/SignInRoute';
import { useMe } from './features/auth/auth.api';
import { pages, pagesFor } from './pages';

/** Sends a signed-out visitor to sign-in with the address asked for; a page the user may not open goes home. */
function Guarded({ path }: { path: string }) {
  const me = useMe().data;
  const location = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const entry = pagesFor(me).find((p) => p.path === path);
  if (!entry) return <Navigate to="/" replace />;
  return (
    <Suspense fallback={<Spin style={{ margin: 80 }} />}>
      <entry.Page me={me} />
    </Suspense>
  );
}

/** Where sign-in returns to: only a path of this app (never another site). */
export function useNextPath(): string {
  const next = useSearchParams()[0].get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const routes: RouteObject[] = [
  { path: '/login', element: <SignInRoute /> },
  {
    element: <Shell />,
    children: [
      // One route per page (an optional segment for a case or a tab), so opening a case keeps the list's state.
      ...pages.map((p) => ({ path: p.child ? `${p.path}/${p.child}?` : p.path, element: <Guarded path={p.path} /> })),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
];

/** The app's router. */
export function createRouter() {
  return createBrowserRouter(routes);
}
