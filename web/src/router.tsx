/**
 * Real URLs (React Router): every page has a path, a case has /cases/<code>, list filters live in the query
 * string, and an address asked for while signed out is where sign-in returns to (/login?next=…).
 * The first script knows only two routes: /login and "everything else", the signed-in frame; the frame's own
 * script (ShellRoot) holds the pages' routes, so the sign-in page loads nothing of the app's pages.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { loadPageStrings } from './i18n';
import { useMe } from './features/auth/auth.api';
import { useDocumentTitle } from './ui/document-title';

/** Where sign-in returns to: only a path of this app (never another site). */
export function useNextPath(): string {
  const next = useSearchParams()[0].get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const signInScript = () => import('./features/auth/SignInRoute');
const SignInRoute = lazy(() => signInScript().then((m) => ({ default: m.SignInRoute })));
// On /login, fetch the sign-in page's script while React starts rather than after it (a round trip less).
if (location.pathname === '/login') void signInScript();
// The frame and its pages' strings are fetched together; the page routes come from the same script.
const shell = () => Promise.all([import('./ShellRoot'), loadPageStrings()]).then(([m]) => m);
const ShellRoot = lazy(() => shell().then((m) => ({ default: m.ShellRoot })));
const PageRoutes = lazy(() => shell().then((m) => ({ default: m.PageRoutes })));
const loading = (element: ReactNode) => <Suspense fallback={<Spin style={{ margin: 80 }} />}>{element}</Suspense>;

/** The sign-in page, with its own tab title (the last page's would stay after signing out). */
function SignIn() {
  const { t } = useTranslation();
  useDocumentTitle([t('page.signIn'), t('app.title')]);
  return loading(<SignInRoute />);
}

/** Signed out: to sign-in with the address asked for, before any script of the signed-in pages is fetched. */
function SignedIn() {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <Spin style={{ margin: 80 }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return loading(<ShellRoot />);
}

/** The app's routes in the browser's address bar (the declarative router: no loaders, a smaller first script). */
export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<SignIn />} />
        <Route element={<SignedIn />}>
          <Route path="*" element={loading(<PageRoutes />)} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
