/**
 * The signed-in frame's script entry: Ant Design's App context (message, modal), the failure reporter and the pages'
 * routes live here, not in the first script, because only signed-in pages use them (the sign-in page shows its
 * errors inline).
 */
import { Suspense, useEffect } from 'react';
import { App as AntApp, Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { setErrorReporter } from './data/errors';
import { useMe } from './features/auth/auth.api';
import { pages, pagesFor } from './pages';
import { Shell } from './Shell';

/** Routes query and action failures to Ant Design's message (it needs the App context, hence a component). */
function ErrorReporter() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorReporter((text) => void message.error(text)), [message]);
  return null;
}

/** The frame with Ant Design's App context around it. */
export function ShellRoot() {
  return (
    <AntApp style={{ height: '100%' }}>
      <ErrorReporter />
      <Shell />
    </AntApp>
  );
}

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

/** One route per page (an optional segment for a case or a tab), so opening a case keeps the list's state. */
export function PageRoutes() {
  return (
    <Routes>
      {pages.map((p) => (
        <Route key={p.path} path={p.child ? `${p.path}/${p.child}?` : p.path} element={<Guarded path={p.path} />} />
      ))}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
